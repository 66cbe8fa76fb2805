"""Training sessions 培训: a course that answers a line of the training needs, the people enrolled
in it and whether each attended."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perfloop.org.models import Department, Employee
from perfloop.plans.models import AMOUNT, Support


class Session(models.Model):
    course = models.CharField(_("course"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    # The needs line it answers: an indicator or competency ("" for needs naming none) and a department.
    topic = models.CharField(_("indicator or competency"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    seats = models.PositiveIntegerField(_("seats"))
    cost = models.DecimalField(_("cost"), default=0, **AMOUNT)
    # Stored when someone is enrolled, removed or marked: the list never counts.
    enrolled = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts", "-pk"]

    def __str__(self):
        return self.course


class Enrolment(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField(_("attended"), null=True)  # None: not recorded yet
    # The training budget this attendance marked as given on the person's plan: once, and taken
    # back if the attendance is corrected.
    support = models.ForeignKey(Support, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["session", "employee"], name="training_enrolled_once")]
        ordering = ["pk"]

    def __str__(self):
        return f"{self.session} · {self.employee}"
