"""Plans built through the actions, from small YAML texts."""

from datetime import date

from conftest import World
from varde.accounts.models import User
from varde.accounts.roles import Role
from varde.actionplan import actions
from varde.actionplan.models import ActionPlan


def plan_text(
    *, version: int = 1, adopted_on: str = "2025-01-01", measures: int = 3, obligations: str = ""
) -> str:
    lines = [
        "format: varde-plan/1",
        "title: Testplan",
        f"version: {version}",
        f"adopted_on: {adopted_on}",
        "measures:",
    ]
    for number in range(1, measures + 1):
        lines += [f"  - number: {number}", f"    title: Tiltak {number}", "    responsible: both"]
    if obligations:
        lines += ["obligations:", obligations.rstrip()]
    return "\n".join(lines) + "\n"


def obligation(code: str, rule: str, value: int, evidence: str, measure: int | None = None) -> str:
    text = (
        f"  - code: {code}\n    title: Forpliktelse {code}\n    rule: {rule}\n"
        f"    value: {value}\n    evidence: {evidence}\n"
    )
    return text + (f"    measure: {measure}\n" if measure else "")


def plan_manager(world: World) -> User:
    existing = User.objects.filter(
        memberships__agency__partnership=world.partnership, memberships__role=Role.PLAN_MANAGER
    ).first()
    return existing or world.make_user(Role.PLAN_MANAGER)


def make_plan(world: World, **kwargs: object) -> ActionPlan:
    return actions.import_plan(plan_manager(world), world.partnership, source=plan_text(**kwargs))  # type: ignore[arg-type]


def day(text: str) -> date:
    return date.fromisoformat(text)
