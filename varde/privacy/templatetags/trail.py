"""The audit trail's codes in words on the privacy officer's pages."""

from django import template

from varde.privacy.trail import case_label
from varde.privacy.vocabulary import action_label, object_label, purpose_label

register = template.Library()
register.filter("action_label", action_label)
register.filter("purpose_label", purpose_label)
register.filter("object_label", object_label)
register.filter("case_label", case_label)
