import pytest
from django.test import Client
from django.urls import reverse

from perfloop.accounts.models import Profile

LOGIN = "/accounts/login/"


def post_login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_login_and_logout(org):
    client = Client()
    response = post_login(client, "employee", "pw-for-tests-1")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_shows_a_clear_message_in_the_users_language(org):
    client = Client(headers={"accept-language": "en"})
    response = post_login(client, "employee", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session
    zh = post_login(Client(headers={"accept-language": "zh-CN"}), "employee", "wrong")
    assert "请输入一个正确的" in zh.content.decode()


@pytest.mark.django_db
def test_five_failures_lock_the_user_even_with_the_right_password(org):
    client = Client(headers={"accept-language": "en"})
    for _ in range(5):
        post_login(client, "employee", "wrong")
    response = post_login(client, "employee", "pw-for-tests-1")
    assert response.status_code == 429
    assert "Account temporarily locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user is not affected, elsewhere or at the same address and browser.
    assert post_login(Client(), "manager", "pw-for-tests-1", address="10.0.0.2").status_code == 302
    assert post_login(Client(), "manager", "pw-for-tests-1").status_code == 302


@pytest.mark.django_db
def test_failures_on_an_unknown_name_lock_nobody_else(org):
    for _ in range(6):
        post_login(Client(), "nobody-here", "wrong")
    assert post_login(Client(), "hr_in_scope", "pw-for-tests-1").status_code == 302
    assert post_login(Client(), "admin", "pw-for-tests-1").status_code == 302


@pytest.mark.django_db
def test_spraying_many_names_from_one_address_is_throttled_whatever_the_browser(org, settings):
    settings.PERFLOOP_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for i in range(12):
        client = Client(headers={"user-agent": f"sprayer/{i}"})
        post_login(client, f"user{i}", "Winter2026!", address="10.9.9.9")
    blocked = post_login(
        Client(headers={"user-agent": "fresh"}), "employee", "pw-for-tests-1", address="10.9.9.9"
    )
    assert blocked.status_code == 429 and 'data-testid="slow-down"' in blocked.content.decode()
    assert post_login(Client(), "employee", "pw-for-tests-1", address="10.9.9.10").status_code == 302
    # Slowed down, not locked: once the wait is over, the right password works from there too.
    from axes.models import AccessAttempt
    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.PERFLOOP_LOGIN_ADDRESS_WAIT_SECONDS * 1.1
                                 * timezone.timedelta(seconds=1))  # fmt: skip
    assert post_login(Client(), "employee", "pw-for-tests-1", address="10.9.9.9").status_code == 302


@pytest.mark.django_db
def test_default_language_follows_the_browser(org):
    assert "Log in" in Client(headers={"accept-language": "en-US,en"}).get(LOGIN).content.decode()
    assert "登录" in Client(headers={"accept-language": "zh-CN,zh"}).get(LOGIN).content.decode()


@pytest.mark.django_db
def test_language_choice_is_remembered_for_the_user_on_a_new_device(org):
    client = Client(headers={"accept-language": "zh-CN"})
    post_login(client, "employee", "pw-for-tests-1")
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/org/"})
    assert response.status_code == 302 and response["Location"] == "/org/"
    assert Profile.objects.get(user=org.user("employee")).language == "en"
    # A different browser that prefers Chinese still gets English after logging in.
    other = Client(headers={"accept-language": "zh-CN"})
    post_login(other, "employee", "pw-for-tests-1")
    page = other.get("/").content.decode()
    assert "Welcome" in page and 'lang="en"' in page


@pytest.mark.django_db
def test_unknown_language_or_foreign_redirect_is_refused(org, client_for):
    client = client_for("employee")
    assert client.post(reverse("accounts:set_language"), {"language": "xx"}).status_code == 400
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_navigation_shows_each_role_only_what_it_may_use(org, client_for):
    def nav(role):
        page = client_for(role).get("/").content.decode()
        return {
            item
            for item in ("cycles", "team", "directory", "imports", "admin")
            if f'data-nav="{item}"' in page
        }

    assert nav("employee") == {"cycles", "directory"}
    assert nav("manager") == {"cycles", "team", "directory"}
    assert nav("hr_in_scope") == {"cycles", "directory", "imports"}
    assert nav("admin") == {"directory", "imports", "admin"}


@pytest.mark.django_db
def test_what_is_set_up_once_sits_in_the_settings_drop_down(org, client_for):
    import re

    def bar_and_settings(role):
        page = client_for(role).get("/").content.decode()
        bar, _sep, rest = page.partition('data-nav-group="settings"')
        in_settings = set(re.findall(r'data-nav="([^"]+)"', rest.partition("</ul>")[0])) if rest else set()
        return set(re.findall(r'data-nav="([^"]+)"', bar)), in_settings

    bar, settings = bar_and_settings("admin")
    assert {"admin", "access", "robots", "deliveries", "rules", "invitations"} <= settings
    assert not settings & bar and "imports" in bar
    bar, settings = bar_and_settings("employee")
    assert settings == {"tokens"}  # an employee sets up nothing but their own API tokens
