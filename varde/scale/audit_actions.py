"""What the trail records for scale, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class BenchAudit(AuditAction):
    FLOOR_VIEWED = "bench.floor_viewed", _("Benchmark floor page read")
