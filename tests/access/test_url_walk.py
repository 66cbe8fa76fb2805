"""Every route × every role: allowed or refused exactly as declared.

Each app declares its routes in `tests/<app>/walk.py` (DECLARED: route → (method, roles);
ABOUT_TARGET, PAYLOAD, FILES and `arguments(org)` as it needs), so a new app brings its own
declarations; a route missing from every declaration fails the test, so a new page cannot ship
without someone deciding who may use it. Django's admin is declared here.
"""

import importlib
import json
import pkgutil

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from perfloop.access.models import HRAssignment
from perfloop.org.models import Employee
from tests.access.walk_roles import ADMIN, PUBLIC
from tests.conftest import ROLES


def walk_modules():
    """Every app's `tests/<app>/walk.py`."""
    found = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                found.append(importlib.import_module(f"tests.{info.name}.walk"))
            except ModuleNotFoundError as missing:
                if missing.name != f"tests.{info.name}.walk":
                    raise
    return found


WALKS = walk_modules()


def merged(attribute: str, kind=dict):
    out = kind()
    for module in WALKS:
        value = getattr(module, attribute, kind())
        if isinstance(out, dict):
            clash = set(out) & set(value)
            assert not clash, f"declared twice: {clash}"
        out.update(value)
    return out


ADMIN_DECLARED = {
    "admin:login": ("get", PUBLIC),
    "admin:logout": ("post", PUBLIC),
    # Unnamed admin routes, keyed by their pattern: the old object URL redirects to the change page;
    # the catch-all answers 404 to staff and sends everyone else to the admin login.
    "admin:<path:object_id>/": ("get", ADMIN),
    "admin:(?P<url>.*)$": ("get", set()),
    # Records nobody adds by hand: tokens come from `issue_token` (shown once), login records from axes.
    "admin:api_apitoken_add": ("get", set()),
    "admin:axes_accessattempt_add": ("get", set()),
    "admin:axes_accesslog_add": ("get", set()),
    "admin:axes_accessfailurelog_add": ("get", set()),
    # Another person's password is theirs to set, never an administrator's (perfloop/accounts/admin.py).
    "admin:auth_user_password_change": ("get", set()),
}
# route name → (method, roles allowed)
DECLARED = {**merged("DECLARED"), **ADMIN_DECLARED}
ABOUT_TARGET = merged("ABOUT_TARGET", set)
PAYLOAD = merged("PAYLOAD")
FILES = merged("FILES")
QUERY = {"admin:autocomplete": "?app_label=org&model_name=employee&field_name=manager"}
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


def request_outcome(client, method, url, name="", org=None):
    payload = PAYLOAD.get(name, {})
    if callable(payload):  # a body naming the walk's own objects
        payload = payload(org)
    if method == "get":
        response = client.get(url)
    elif method in ("patch", "put"):
        response = getattr(client, method)(url, json.dumps(payload), content_type="application/json")
    elif method == "delete":
        response = client.delete(url)
    elif name in PAYLOAD:
        response = client.post(url, json.dumps(payload), content_type="application/json")
    elif name in FILES:
        response = client.post(url, {"file": SimpleUploadedFile(*FILES[name])})
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
    args_for = {}
    for module in WALKS:
        if hasattr(module, "arguments"):
            args_for.update(module.arguments(org))
    LogEntry.objects.all().delete()
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
        outcome, response = request_outcome(client, method, url, name, org)
        if name.endswith(":logout") and role != "anonymous":
            client.force_login(org.user(role))  # stay signed in for the rest of the walk
        outcomes[name] = (outcome, response.status_code, url)
    return outcomes
