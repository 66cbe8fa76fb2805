"""Every route × every role: allowed or refused exactly as declared here.

A route missing from DECLARED fails the test, so a new page cannot ship
without someone deciding who may use it.
"""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from perfloop.access.models import HRAssignment
from perfloop.imports.models import Import
from perfloop.org.models import Employee
from perfloop.reviews.models import ReviewCycle, Template
from tests.conftest import ROLES

SIGNED_IN = set(ROLES) - {"anonymous"}
PUBLIC = set(ROLES)
SEES_TARGET = {"employee", "manager", "hr_in_scope", "admin"}
MANAGERS = {"manager", "other_manager"}
HR_OR_ADMIN = {"hr_in_scope", "hr_out_of_scope", "admin"}
UPLOADER_OR_ADMIN = {"hr_in_scope", "admin"}
HR = {"hr_in_scope", "hr_out_of_scope"}
CYCLE_VIEWERS = {"employee", "other_employee", "manager", "other_manager", "hr_in_scope", "hr_out_of_scope"}
TEAM_VIEWERS = MANAGERS | HR
ADMIN = {"admin"}

# route name → (method, roles allowed)
DECLARED = {
    "home:index": ("get", SIGNED_IN),
    "accounts:login": ("get", PUBLIC),
    "accounts:logout": ("post", PUBLIC),
    "accounts:set_language": ("post", PUBLIC),
    "org:directory": ("get", SIGNED_IN),
    "org:team": ("get", MANAGERS),
    "org:employee_detail": ("get", SEES_TARGET),
    "imports:index": ("get", HR_OR_ADMIN),
    "imports:upload": ("post", HR_OR_ADMIN),  # the organisation file: HR and admins
    "imports:example": ("get", HR_OR_ADMIN),
    "imports:detail": ("get", UPLOADER_OR_ADMIN),
    "imports:apply": ("post", UPLOADER_OR_ADMIN),
    "reviews:cycle_list": ("get", CYCLE_VIEWERS),
    "reviews:cycle_detail": ("get", HR),
    "reviews:cycle_status": ("post", HR),
    "reviews:cycle_score": ("post", HR),
    "reviews:cycle_settings": ("post", HR),
    "reviews:team": ("get", TEAM_VIEWERS),
    "reviews:team_export": ("get", TEAM_VIEWERS),
    "reviews:template_list": ("get", HR),
    "reviews:entry": ("get", {"manager", "hr_in_scope"}),
    "reviews:my_reviews": ("get", CYCLE_VIEWERS),
    # The target's result in a cycle that has reached feedback.
    "reviews:result_detail": ("get", {"employee", "manager", "hr_in_scope"}),
    "reviews:result_calibrate": ("post", {"hr_in_scope"}),
    "reviews:result_root_cause": ("post", {"manager", "hr_in_scope"}),
    "access:changes": ("get", HR_OR_ADMIN),
    # Who opened the target's records: the target, their managers, HR in scope.
    "access:reads": ("get", {"employee", "manager", "hr_in_scope"}),
    "api:me": ("get", SIGNED_IN),
    "api:employees": ("get", SIGNED_IN),
    "api:employee": ("get", SEES_TARGET),
    "api:departments": ("get", SIGNED_IN),
    "api:cycles": ("get", SIGNED_IN),  # cycles are not personal; each sees those of their role
    "api:cycles_create": ("post", HR),
    "api:cycle_results": ("get", SIGNED_IN),  # a list scoped to what each may see
    "api:result": ("get", {"employee", "manager", "hr_in_scope"}),
    # Calibration only while calibrating: the walk's cycle is in feedback, so nobody may.
    "api:result_calibration": ("post", set()),
    "api:cycle_import": ("post", HR),
    "api:openapi-json": ("get", PUBLIC),
    "api:openapi-view": ("get", PUBLIC),
    "api:api-root": ("get", set()),
    "admin:login": ("get", PUBLIC),
    "admin:logout": ("post", PUBLIC),  # the API's bare prefix answers 404 to everyone
    # Unnamed admin routes, keyed by their pattern: the old object URL redirects to the change page;
    # the catch-all answers 404 to staff and sends everyone else to the admin login.
    "admin:<path:object_id>/": ("get", ADMIN),
    "admin:(?P<url>.*)$": ("get", set()),
    # Records nobody adds by hand: tokens come from `issue_token` (shown once), login records from axes.
    "admin:api_apitoken_add": ("get", set()),
    "admin:axes_accessattempt_add": ("get", set()),
    "admin:axes_accesslog_add": ("get", set()),
    "admin:axes_accessfailurelog_add": ("get", set()),
}
QUERY = {"admin:autocomplete": "?app_label=org&model_name=employee&field_name=manager"}
# What a POST sends, so that refusals come from access rules and not from a malformed body.
PAYLOAD = {
    "api:cycles_create": {"name": "2024年H1", "start_date": "2024-01-01", "end_date": "2024-06-30"},
    "api:result_calibration": {"band": "good", "reason": "walk"},
}
# Django's admin site: for administrators only, every one of its named routes.
NAMESPACE_RULES = {"admin": ("get", ADMIN)}


def all_routes():
    """(key, full route, pattern) for every route; the key is its name, or namespace:pattern if unnamed."""
    found = []

    def walk(resolver, namespace, prefix):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                walk(p, f"{namespace}{p.namespace}:" if p.namespace else namespace, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                key = f"{namespace}{p.name}" if p.name else f"{namespace}{p.pattern}"
                found.append((key, prefix + str(p.pattern), p))

    walk(get_resolver(), "", "/")
    return found


def rule_for(key):
    if key in DECLARED:
        return DECLARED[key]
    namespace, _, name = key.partition(":")
    if namespace in NAMESPACE_RULES and not any(c in name for c in "<(/"):
        return NAMESPACE_RULES[namespace]
    return None


def test_every_route_is_declared():
    undeclared = [key for key, _route, _p in all_routes() if rule_for(key) is None]
    assert undeclared == [], f"routes without an access declaration: {undeclared}"


def model_of(name):
    """The model an admin route such as admin:org_employee_change is about, if any."""
    for ct in ContentType.objects.all():
        if name.split(":")[1].startswith(f"{ct.app_label}_{ct.model}_"):
            return ct.model_class()
    return None


def admin_kwargs(name, pattern, org):
    """Arguments that name a real object for an admin route."""
    kwargs = {}
    model = model_of(name)
    for key in pattern.pattern.regex.groupindex:
        if key == "app_label":
            kwargs[key] = "org"
        elif key == "object_id" or key == "id":
            obj = model.objects.first() if model else org.employee
            kwargs[key] = str(obj.pk if obj else org.employee.pk)
        elif key == "content_type_id":
            kwargs[key] = ContentType.objects.get_for_model(Employee).pk
        elif key == "history_id":
            obj = model.objects.first() if model else org.employee
            kwargs[key] = obj.history.first().history_id
        else:
            raise AssertionError(f"no value for {key} in {name}")
    return kwargs


def cycle_with_result(org):
    """A cycle in feedback with a computed result for the target employee."""
    import datetime as dt

    from perfloop.reviews.models import Indicator, Result

    template = Template.objects.create(name="研发岗")
    template.positions.add(org.employee.position)
    indicator = Indicator.objects.create(template=template, name="交付", kind="kpi", weight=100, target=100)
    cycle = ReviewCycle.objects.create(
        name="2023年Q3", start_date=dt.date(2023, 7, 1), end_date=dt.date(2023, 9, 30), status="feedback"
    )
    result = Result.objects.create(
        cycle=cycle,
        employee=org.employee,
        template=template,
        composite=95,
        complete=True,
        band="excellent",
        computed_band="excellent",
        rule_version="t",
        computed_at=cycle.created_at,
        breakdown=[
            {
                "indicator_id": indicator.pk,
                "name": "交付",
                "kind": "kpi",
                "unit": "",
                "weight": "100",
                "requirement": None,
                "actual": "95",
                "target": "100",
                "achievement": "95",
                "score": "95",
                "contribution": "95",
                "direction": "higher",
                "cap": "120",
                "personal_target": False,
            }
        ],
    )
    return cycle, result


def request_outcome(client, method, url, name=""):
    if method == "get":
        response = client.get(url)
    elif name in PAYLOAD:
        response = client.post(url, json.dumps(PAYLOAD[name]), content_type="application/json")
    elif name == "api:cycle_import":
        response = client.post(url, {"file": SimpleUploadedFile("r.csv", b"employee_no,indicator,actual\n")})
    else:
        response = client.post(url, {"language": "zh-hans"})
    location = response.get("Location", "")
    if response.status_code in (401, 403, 404):
        return "refused", response
    # Sent to a login page to come back afterwards (a plain redirect to login, as after logout, is not).
    if (
        response.status_code == 302
        and "next=" in location
        and (location.startswith(reverse("accounts:login")) or location.startswith(reverse("admin:login")))
    ):
        return "refused", response
    assert response.status_code < 500, f"{url}: {response.status_code}"
    return "allowed", response


# Routes about the target person (刘洋) or their result; the others are about no one in particular.
ABOUT_TARGET = {
    "org:employee_detail",
    "api:employee",
    "reviews:result_detail",
    "reviews:entry",
    "reviews:result_calibrate",
    "reviews:result_root_cause",
    "api:result",
    "api:result_calibration",
    "access:reads",
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_url_walk(role, org, client_for):
    wrong = [
        f"{name} {url}: {outcome} ({status}), expected {expected}"
        for name, (outcome, status, url) in walk(client_for(role), role, org).items()
        if outcome != (expected := "allowed" if role in rule_for(name)[1] else "refused")
    ]
    assert wrong == [], "\n".join(wrong)


@pytest.mark.django_db
def test_url_walk_hr_on_their_own_record(org, client_for):
    """The target made HR over their own department: for their own record they stay an employee."""
    HRAssignment.objects.create(user=org.user("employee"), department=org.rd)
    wrong = []
    for name, (outcome, status, url) in walk(client_for("employee"), "employee", org).items():
        like = "employee" if name in ABOUT_TARGET else "hr_out_of_scope"
        expected = "allowed" if like in rule_for(name)[1] else "refused"
        if outcome != expected:
            wrong.append(f"{name} {url}: {outcome} ({status}), expected {expected} (as {like})")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.django_db
def test_url_walk_admin_who_gave_themself_a_scope(org, client_for):
    """An admin cannot make themself HR in the admin, so the walk finds them where any admin is."""
    client = client_for("admin")
    admin = org.user("admin")
    response = client.post(
        reverse("admin:access_hrassignment_add"), {"user": admin.pk, "department": org.company.pk}
    )
    assert response.status_code == 200 and not HRAssignment.objects.filter(user=admin).exists()
    client.post(reverse("admin:access_hrassignment_add"), {"user": admin.pk, "department": org.rd.pk})
    assert not HRAssignment.objects.filter(user=admin).exists()
    wrong = [
        f"{name} {url}: {outcome} ({status})"
        for name, (outcome, status, url) in walk(client, "admin", org).items()
        if outcome != ("allowed" if "admin" in rule_for(name)[1] else "refused")
    ]
    assert wrong == [], "\n".join(wrong)


def walk(client, role, org) -> dict:
    """Request every route once; {route name: (outcome, status, url)}."""
    org_import = Import.objects.create(
        kind="org",
        filename="x.csv",
        content=b"",
        uploaded_by=org.user("hr_in_scope"),
        summary={"ok": False, "errors": [{"line": 0, "message": "empty"}], "error_count": 1},
    )
    cycle, result = cycle_with_result(org)
    LogEntry.objects.all().delete()
    args_for = {
        "org:employee_detail": {"pk": org.employee.pk},
        "api:employee": {"employee_id": org.employee.pk},
        "imports:detail": {"pk": org_import.pk},
        "imports:apply": {"pk": org_import.pk},
        "imports:upload": {"kind": "org"},
        "imports:example": {"kind": "org"},
        "reviews:cycle_detail": {"pk": cycle.pk},
        "reviews:cycle_status": {"pk": cycle.pk},
        "reviews:cycle_score": {"pk": cycle.pk},
        "reviews:cycle_settings": {"pk": cycle.pk},
        "reviews:team": {"pk": cycle.pk},
        "reviews:team_export": {"pk": cycle.pk},
        "reviews:result_detail": {"pk": result.pk},
        "reviews:entry": {"pk": cycle.pk, "employee_id": org.employee.pk},
        "reviews:result_calibrate": {"pk": result.pk},
        "reviews:result_root_cause": {"pk": result.pk},
        "api:cycle_results": {"cycle_id": cycle.pk},
        "api:result": {"result_id": result.pk},
        "api:result_calibration": {"result_id": result.pk},
        "api:cycle_import": {"cycle_id": cycle.pk, "kind": "results"},
        "access:reads": {"pk": org.employee.pk},
    }
    outcomes = {}
    for name, route, pattern in all_routes():
        method, _allowed = rule_for(name)
        if pattern.name is None:
            # Unnamed routes cannot be reversed: fill the pattern in by hand.
            url = route.replace("<path:object_id>", str(org.employee.pk)).replace("(?P<url>.*)$", "nothing/")
        elif name.endswith("_simple_history"):
            model = model_of(name)
            obj = model.objects.first()
            url = reverse(name, args=[obj.pk, obj.history.first().history_id])
        elif name.startswith("admin:"):
            url = reverse(name, kwargs=admin_kwargs(name, pattern, org)) + QUERY.get(name, "")
        else:
            url = reverse(name, kwargs=args_for.get(name, {}))
        outcome, response = request_outcome(client, method, url, name)
        if name.endswith(":logout") and role != "anonymous":
            client.force_login(org.user(role))  # stay signed in for the rest of the walk
        outcomes[name] = (outcome, response.status_code, url)
    return outcomes
