"""The kinds of problem the API answers with, for client developers: each problem's `type` points here."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from ..common import Pages
from ..errors import PROBLEM_TYPES, PROBLEMS, Problem

router = Router(tags=["problems"])


class ProblemType(Schema):
    type: str
    code: str
    status: int
    title: str


@router.get("/problems", response={200: list[ProblemType], 422: Problem})
@paginate(Pages)
def list_problem_types(request: HttpRequest) -> Any:
    """Every problem type, its code and status: public, as it holds no data."""
    return [
        {"type": f"{PROBLEM_TYPES}#{code}", "code": code, "status": status, "title": str(title)}
        for code, (status, title) in PROBLEMS.items()
    ]
