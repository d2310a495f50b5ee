from django.core.exceptions import ValidationError


class ActionRefused(ValidationError):  # noqa: N818  (a refusal the user reads, not a program error)
    """The action is not allowed in the object's current state; the message says why, in Norwegian."""


class StaleEdit(ActionRefused):
    """The record changed after the editor opened the form; saving would overwrite someone's work."""
