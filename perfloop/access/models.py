from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HRAssignment(models.Model):
    """Makes a user HR for a department and all of its sub-departments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="hr_assignments",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="hr_assignments",
    )

    class Meta:
        verbose_name = _("HR assignment")
        verbose_name_plural = _("HR assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="unique_hr_assignment"),
        ]

    def __str__(self):
        return f"{self.user} → {self.department}"
