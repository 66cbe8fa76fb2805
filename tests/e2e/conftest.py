import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def page(page):
    """Every browser test also fails on a Content-Security-Policy violation."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    assert violations == [], violations


@pytest.fixture
def localized_page(browser, locale):
    """A page in a browser set to the test's `locale` parameter (zh-CN, en-US), 1280×900; the test
    fails on any Content-Security-Policy violation."""
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert violations == [], violations


@pytest.fixture
def browser_context_args(browser_context_args):
    # A browser that prefers Chinese, as most of our users' do.
    return {**browser_context_args, "locale": "zh-CN"}


def sign_in(page, base, username, words):
    """Sign in with the demo password through the login form, as a person does."""
    from playwright.sync_api import expect

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "perfloop-demo")
    page.get_by_role("button", name=words["login"], exact=True).click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def photograph(page, path: str) -> None:
    """A full-page screenshot for the docs; headless Chromium now and then answers "Unable to capture
    screenshot" under load: the picture is taken again once (the page itself was checked already)."""
    from playwright.sync_api import Error

    try:
        page.screenshot(path=path, full_page=True)
    except Error:
        page.wait_for_timeout(500)
        page.screenshot(path=path, full_page=True)


def log_in(page, base, username, password="perfloop-demo"):
    """Through the login form, in whatever language and width the page has: signed in once the
    inbox bell shows (it stays outside the collapsed menu on a phone)."""
    from playwright.sync_api import expect

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("inbox-bell")).to_be_visible()


@pytest.fixture(scope="session")
def demo_template(django_db_setup, django_db_blocker):
    """The demo company, seeded once per test process into a template database (PostgreSQL), from
    which each browser test's database is cloned; the test database itself is left empty."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    if connection.vendor != "postgresql":
        return None  # SQLite: each test seeds the demo itself
    name = connection.settings_dict["NAME"]
    template = f"{name}_demo"
    with django_db_blocker.unblock(), override_settings(DEBUG=True):  # demo logins only in DEBUG
        call_command("seed_demo", verbosity=0)
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}"')
            cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
        call_command("flush", interactive=False, verbosity=0)
    yield template
    with django_db_blocker.unblock():
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


@pytest.fixture
def demo(transactional_db, demo_template, settings):
    """The demo company, as `seed_demo` makes it: cloned from the template (the test's flush
    empties it again afterwards), or seeded on SQLite."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = True
    if demo_template is None:
        call_command("seed_demo", verbosity=0)
        return
    name = connection.settings_dict["NAME"]
    connection.close()
    # Copied as files (PostgreSQL 15 writes a copy through the WAL by default: three times slower).
    strategy = " STRATEGY = FILE_COPY" if connection.pg_version >= 150000 else ""
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{demo_template}"{strategy}')
    ContentType.objects.clear_cache()  # the template's ids, not those of the last flush


@pytest.fixture
def demo_with_request(demo):
    """The demo company, with the demo employee's feedback record held and a training request in it
    (the conversation itself is the feedback stage's to test); the employee."""
    from django.utils import timezone

    from perfloop.feedback.models import FeedbackRecord, FeedbackRequest
    from perfloop.org.models import Employee
    from perfloop.reviews.models import Result, ReviewCycle
    from tests.feedback.factories import FeedbackRecordFactory

    employee = Employee.objects.select_related("manager__user").get(user__username="employee")
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-start_date").first()
    record = FeedbackRecord.objects.filter(employee=employee, cycle=cycle).first() or FeedbackRecordFactory(
        result=Result.objects.get(cycle=cycle, employee=employee), holder=employee.manager.user
    )
    FeedbackRequest.objects.create(record=record, kind="training", text="产品知识培训")
    if record.status == FeedbackRecord.Status.PLANNED:  # a plan follows a conversation held
        FeedbackRecord.objects.filter(pk=record.pk).update(status="held", held_on=timezone.localdate())
    return employee
