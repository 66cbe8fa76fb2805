"""A new app plugs in through its own files: navigation, home, imports, notifications and the URL walk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perfloop.imports.models import Import
from perfloop.notify.models import Notification
from perfloop.notify.registry import about, send
from tests.access.test_url_walk import DECLARED, all_routes


@pytest.mark.django_db
def test_a_new_app_appears_in_navigation_home_and_imports(org, client_for):
    hr = client_for("hr_in_scope")
    home = hr.get("/").content.decode()
    assert 'data-nav="plugin"' in home and 'href="/plugin/"' in home
    assert 'data-testid="section-plugin"' in home and "plugin card" in home
    page = hr.get("/imports/").content.decode()
    assert "Plugin notes" in page and "/imports/upload/plugin_notes/" in page
    response = hr.post(
        "/imports/upload/plugin_notes/",
        {"file": SimpleUploadedFile("n.csv", "工号,备注\nE0001,好\n".encode())},
    )
    assert response.status_code == 302
    assert Import.objects.get(kind="plugin_notes").summary["rows"] == 1
    # Nobody else sees what the app showed HR.
    employee_home = client_for("employee").get("/").content.decode()
    assert 'data-nav="plugin"' not in employee_home and "section-plugin" not in employee_home


def test_a_new_app_is_in_the_url_walk():
    assert "plugin_app:index" in {key for key, _route, _pattern in all_routes()}
    assert DECLARED["plugin_app:index"][0] == "get"


@pytest.mark.django_db(transaction=True)
def test_a_new_apps_event_is_delivered_and_ruled_like_any_other(org, client_for):
    """Declared in the app's ready(): on the rules page, sent to whom its rule names, read in the inbox."""
    assert "Plugin note added" in client_for("admin").get("/notify/rules/").content.decode()
    employee = org.employee
    made = send([about(employee, event="plugin_app.noted", key="plugin:1", manager_user_id=org.user("manager").pk,
                       params={"name": employee.name}, url="/plugin/")])  # fmt: skip
    assert made == 1
    note = Notification.objects.get(event="plugin_app.noted")
    assert note.recipient == org.user("employee")  # the rule names the employee only
    assert f"A note about {employee.name}" in client_for("employee").get("/notify/").content.decode()
