from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["ActionRefused", "PermissionDenied"]


class ActionRefused(ValidationError):
    """The action is not allowed in the object's current state; the message says why, in Norwegian."""
