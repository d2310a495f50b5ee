from typing import Any

from django.http import HttpRequest

from .navigation import work_areas_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"work_areas": []}
    return {"work_areas": work_areas_for(user)}
