"""Administrators set webhooks up on their page and over the API; the secret is shown once."""

import pytest

from perfloop.webhooks.models import Webhook
from tests.api.conftest import send
from tests.webhooks.factories import WebhookDeliveryFactory, WebhookFactory


@pytest.mark.django_db
def test_an_administrator_adds_one_and_reads_its_secret_once(org, browser_like):
    admin = browser_like("admin")
    answer = admin.submit("/webhooks/", "/webhooks/", {
        "name": "人事系统", "url": "http://127.0.0.1:9/hook", "events": ["plans.submitted", "feedback.held"]})  # fmt: skip
    assert answer.status_code == 302
    hook = Webhook.objects.get()
    assert hook.events == ["feedback.held", "plans.submitted"] and len(hook.secret) >= 40
    first = admin.get("/webhooks/").content.decode()
    assert hook.secret in first and "Plan sent to the employee" in first
    again = admin.get("/webhooks/").content.decode()
    assert hook.secret not in again and hook.secret_shown in again


@pytest.mark.django_db
def test_an_address_of_the_own_network_is_refused_in_the_readers_language(org, browser_like, settings):
    settings.PERFLOOP_WEBHOOK_HOSTS = []
    admin = browser_like("admin", language="zh-hans")
    answer = admin.submit("/webhooks/", "/webhooks/", {
        "name": "内网", "url": "https://10.1.2.3/in", "events": ["plans.submitted"]})  # fmt: skip
    page = answer.content.decode()
    assert answer.status_code == 400 and not Webhook.objects.exists()
    assert "服务器自身的网络" in page and 'value="https://10.1.2.3/in"' in page


@pytest.mark.django_db
def test_hr_may_not_see_or_add_webhooks(org, client_for, api_client):
    assert client_for("hr_in_scope").get("/webhooks/").status_code == 403
    status, _ = send(api_client("hr_in_scope"), "post", "/api/v1/webhooks",
                     {"name": "x", "url": "http://127.0.0.1:9/x", "events": ["plans.submitted"]})  # fmt: skip
    assert status == 403 and not Webhook.objects.exists()


@pytest.mark.django_db
def test_the_api_gives_the_secret_in_the_answer_that_makes_it_only(org, api_client):
    admin = api_client("admin")
    status, made = send(admin, "post", "/api/v1/webhooks",
                        {"name": "人事系统", "url": "http://127.0.0.1:9/x", "events": ["plans.submitted"]})  # fmt: skip
    assert status == 201 and made["secret"] == Webhook.objects.get().secret
    status, listed = send(admin, "get", "/api/v1/webhooks")
    assert status == 200 and listed[0]["id"] == made["id"] and "secret" not in listed[0]
    status, off = send(admin, "patch", f"/api/v1/webhooks/{made['id']}", {"active": False})
    assert status == 200 and not off["active"] and not Webhook.objects.get().active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"name": "x", "url": "https://169.254.169.254/", "events": ["plans.submitted"]}, "own network"),
        ({"name": "x", "url": "http://127.0.0.1:9/x", "events": ["no.such"]}, "Unknown events: no.such"),
        ({"name": "x", "url": "http://127.0.0.1:9/x", "events": []}, "at least one event"),
    ],
)
def test_the_api_refuses_with_a_reason(org, api_client, settings, body, reason):
    settings.PERFLOOP_WEBHOOK_HOSTS = ["127.0.0.1"]
    client = api_client("admin")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    status, answer = send(client, "post", "/api/v1/webhooks", body)
    assert status == 400 and reason in answer["detail"] and not Webhook.objects.exists()


@pytest.mark.django_db
def test_deliveries_are_listed_and_only_a_failed_one_is_sent_again(org, api_client):
    hook = WebhookFactory(created_by=org.user("admin"))
    sent = WebhookDeliveryFactory(webhook=hook, status="sent", answer_status=200, answer="ok")
    admin = api_client("admin")
    status, page = send(admin, "get", f"/api/v1/webhooks/{hook.pk}/deliveries")
    assert status == 200 and [d["id"] for d in page["items"]] == [sent.pk]
    status, answer = send(admin, "post", f"/api/v1/webhook-deliveries/{sent.pk}/resend")
    assert status == 409 and answer["detail"]
