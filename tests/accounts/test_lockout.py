"""Nobody can lock out an office: the client address is believed only from the configured
proxies, a username is locked at one address first, an address is slowed down and never locked,
and a locked person unlocks their account with a password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.accounts.test_login_and_language import LOGIN

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


def through_proxy(username, password, client_address, proxy=PROXY):
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=proxy,
                         HTTP_X_FORWARDED_FOR=f"{client_address}")  # fmt: skip


def test_one_person_behind_the_proxy_cannot_lock_out_the_office(org, settings):
    settings.PERFLOOP_TRUSTED_PROXIES = [PROXY]
    for i in range(60):  # names sprayed and a few guesses at one colleague's password, from one desk
        through_proxy("employee" if i % 15 == 0 else f"user{i}", "Winter2026!", "192.168.5.20")
    assert through_proxy("employee", "pw-for-tests-1", "192.168.5.20").status_code == 429
    # Every other desk behind the same proxy still signs in, the guessed colleague included.
    assert through_proxy("manager", "pw-for-tests-1", "192.168.5.21").status_code == 302
    assert through_proxy("employee", "pw-for-tests-1", "192.168.5.22").status_code == 302


def test_a_forwarded_address_from_anyone_but_the_proxy_is_ignored(org, settings):
    settings.PERFLOOP_TRUSTED_PROXIES = [PROXY]
    for _ in range(5):  # a direct client claiming to be another desk
        through_proxy("employee", "wrong", "192.168.5.99", proxy="203.0.113.9")
    assert through_proxy("employee", "pw-for-tests-1", "192.168.5.99", proxy="203.0.113.9").status_code == 429
    assert through_proxy("employee", "pw-for-tests-1", "192.168.5.99").status_code == 302  # the desk itself


def test_a_username_guessed_from_many_places_is_locked_and_its_owner_unlocks_it_by_e_mail(org, settings):
    settings.PERFLOOP_SENDS_MAIL = True
    settings.PERFLOOP_BASE_URL = "https://perfloop.example.com"
    user = org.user("employee")
    user.email = "liuyang@example.com"
    user.save()
    for i in range(20):
        Client().post(LOGIN, {"username": "employee", "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{i}")
    locked = Client().post(
        LOGIN, {"username": "employee", "password": "pw-for-tests-1"}, REMOTE_ADDR="192.0.2.1"
    )
    assert locked.status_code == 429 and 'data-testid="forgot"' in locked.content.decode()

    browser = Client(headers={"accept-language": "zh-hans", "host": "evil.example"})
    settings.ALLOWED_HOSTS = ["*"]
    assert browser.post("/accounts/password/reset/", {"email": "liuyang@example.com"}).status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https://perfloop\.example\.com(/accounts/password/reset/\S+/)", message.body).group(1)
    assert "evil.example" not in message.body and "设置新密码" in message.body
    form = browser.get(link, follow=True)
    action = form.redirect_chain[-1][0] if form.redirect_chain else link
    done = browser.post(action, {"new_password1": "Xinghe-2026!", "new_password2": "Xinghe-2026!"})
    assert done.status_code == 302
    back = Client().post(LOGIN, {"username": "employee", "password": "Xinghe-2026!"}, REMOTE_ADDR="192.0.2.1")
    assert back.status_code == 302


def test_without_mail_the_reset_page_says_whom_to_ask(org, settings):
    settings.PERFLOOP_SENDS_MAIL = False
    page = Client(headers={"accept-language": "en"})
    assert 'data-testid="no-mail"' in page.get("/accounts/password/reset/").content.decode()
    assert page.post("/accounts/password/reset/", {"email": "liuyang@example.com"}).status_code == 400
    assert not mail.outbox
