"""Retention (PIPL 存储期限): departed people's records are kept the organisation's `Retention.years`
(3 by default) after they left, then their personal fields are erased — names, numbers, contact
details and everything written about them — while the figures stay for team reports (results,
bands, readings, counts). `manage.py purge --dry-run` lists who is due; every run is kept."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.org.events import people_erased
from perfloop.org.models import Employee, PurgeRun, Retention

ERASED_PREFIX = "ERASED-"


def left_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due(today: dt.date | None = None):
    """Departed people past retention and not erased yet."""
    cutoff = left_before(today or timezone.localdate(), Retention.current().years)
    return Employee.objects.filter(status=Employee.Status.LEFT, erased_at__isnull=True, left_on__lt=cutoff)


@transaction.atomic
def purge(*, dry_run: bool, today: dt.date | None = None) -> tuple[PurgeRun, list[Employee]]:
    """Erase (or with `dry_run` only list) those past retention; the run is kept either way."""
    today = today or timezone.localdate()
    years = Retention.current().years
    people = list(due(today).select_for_update(of=("self",)).order_by("left_on", "pk"))
    run = PurgeRun.objects.create(
        dry_run=dry_run, years=years, left_before=left_before(today, years), people=[e.pk for e in people]
    )
    if dry_run or not people:
        return run, people
    ids = [e.pk for e in people]
    user_ids = [e.user_id for e in people if e.user_id]
    people_erased.send(sender="org", employee_ids=ids, user_ids=user_ids)
    anonymous = {
        "name": Concat(Value(_("Former employee") + " "), Cast("id", CharField())),
        "employee_no": Concat(Value(ERASED_PREFIX), Cast("id", CharField())),
        "email": Value(""), "mobile": Value(""),
    }  # fmt: skip
    Employee.objects.filter(pk__in=ids).update(**anonymous, spelling="", user=None, erased_at=timezone.now())
    # The organisation's history keeps no old name, number or contact either.
    Employee.history.filter(id__in=ids).update(**anonymous)
    account = {"username": Concat(Value("erased-"), Cast("id", CharField())), "email": Value("")}
    get_user_model().history.filter(id__in=user_ids).update(**account, first_name="", last_name="")
    get_user_model().objects.filter(pk__in=user_ids).update(
        username=Concat(Value("erased-"), Cast("id", CharField())), email="", first_name="", last_name="",
        is_active=False, password=Concat(Value("!"), Cast(F("id"), CharField())),
    )  # fmt: skip
    return run, people
