from typing import Any

from django.http import HttpRequest

from .navigation import menu_for, work_areas_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    return {"menu": menu_for(work_areas_for(user))}
