"""The API, version 1: /api/v1/, its schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from typing import Any

from ninja import NinjaAPI, Swagger
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from .auth import TokenAuth, UserRateThrottle
from .endpoints import casework, concerns, meetings, oversight, people, plan, problems, reference
from .errors import PROBLEM_JSON, install_handlers
from .links import add_links
from .parsing import StrictTextParser

DESCRIPTION = """
Varde's API answers with exactly what the caller may see on the pages, and nothing else: anything
outside that answers 404. Authenticate with a personal access token (`Authorization: Bearer varde_…`)
made on the page *API-tokens* or with `varde token create`; each operation needs the one scope it names
(`x-scopes`).

Every error is a problem (RFC 9457, `application/problem+json`): `type`, `title`, `status`, `detail`,
with `code`, `message_nb`, `message_en` and, for invalid input, `fields`. `GET /api/v1/problems` lists
the codes. Every list answers `{"items": [...], "count": n}` and takes `limit` and `offset`, except the
lists that grow while they are read (the audit trail, notifications), which answer `{"items", "next"}`
and go on from `next`. Reads send an `ETag`; a change must send the ETag it read as `If-Match` (412 when
somebody changed it since, 428 when missing); a create answers 201 with `Location` and `ETag`. Each
answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`, counted per person.

A walk-through with curl, from intake to disclosure: docs/api.md in the source.
"""


class VardeAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The endpoint's own name (list_concerns), which every generated client turns into a method.
        return operation.view_func.__name__

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        scopes = self.scopes_by_operation()
        for operations in schema["paths"].values():
            for details in operations.values():
                _name_the_scope(details, scopes.get(details["operationId"]))
                _problems_as_problem_json(details)
                add_links(details)
        return schema

    def scopes_by_operation(self) -> dict[str, str]:
        found = {}
        for _prefix, router in self._routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    for auth in operation.auth_callbacks:
                        if isinstance(auth, TokenAuth):
                            found[self.get_openapi_operation_id(operation)] = auth.scope
        return found


def _name_the_scope(details: dict[str, Any], scope: str | None) -> None:
    if scope is None:
        return
    details["x-scopes"] = [scope]
    details["security"] = [{"TokenAuth": [scope]}, {"SessionAuth": []}]
    details["description"] = f"{details.get('description', '')}\n\nScope: `{scope}`.".strip()


def _problems_as_problem_json(details: dict[str, Any]) -> None:
    for status, answer in details["responses"].items():
        content = answer.get("content", {})
        if int(status) >= 400 and "application/json" in content:
            content[PROBLEM_JSON] = content.pop("application/json")


api = VardeAPI(
    title="Varde API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    # Deep links put a link inside each operation's button, which screen readers cannot use.
    docs=Swagger(settings={"deepLinking": False}),
    openapi_url="/openapi.json",
    throttle=[UserRateThrottle()],
    parser=StrictTextParser(),
)
install_handlers(api)
for router in (
    people.router,
    reference.router,
    concerns.router,
    casework.router,
    meetings.router,
    plan.router,
    oversight.router,
    problems.router,
):
    api.add_router("", router)
