"""The API, version 1: /api/v1/, its schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from ninja import NinjaAPI, Swagger

from .auth import TokenRateThrottle
from .endpoints import casework, concerns, meetings, oversight, people, plan
from .errors import install_handlers
from .parsing import StrictTextParser

DESCRIPTION = """
Varde's API answers with exactly what the caller may see on the pages, and nothing else: anything
outside that answers 404. Authenticate with a personal access token (`Authorization: Bearer varde_…`)
made on the page *API-tokens* or with `varde token create`; each endpoint needs one scope.

Every error has the same shape: `{"error": {"code", "message_nb", "message_en", "fields": [...]}}`.
Lists take `limit` and `offset` and keep a stable order. Reads send an `ETag`; a change must send the
ETag it read as `If-Match` (412 when somebody changed it since, 428 when missing).
"""

api = NinjaAPI(
    title="Varde API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    # Deep links put a link inside each operation's button, which screen readers cannot use.
    docs=Swagger(settings={"deepLinking": False}),
    openapi_url="/openapi.json",
    throttle=[TokenRateThrottle()],
    parser=StrictTextParser(),
)
install_handlers(api)
api.add_router("", people.router)
api.add_router("", concerns.router)
api.add_router("", casework.router)
api.add_router("", meetings.router)
api.add_router("", plan.router)
api.add_router("", oversight.router)
