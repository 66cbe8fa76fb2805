"""The chat robots against a real HTTP server playing each service (tests/notify/chat_services.py)."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from perfloop.notify import pace, registry, robots
from perfloop.notify.models import RobotPace
from tests.notify.chat_services import KEY, RATE_LIMITED, SECRET, TOKEN, ChatServices
from tests.notify.processes import ROOT, environment

pytestmark = pytest.mark.django_db  # the robots' pace is kept in the database


@pytest.fixture
def services():
    played = ChatServices()
    yield played
    played.close()


def hooks(services):
    return {
        "wecom": (f"{services.url}/wecom?key={KEY}", ""),
        "dingtalk": (f"{services.url}/dingtalk?access_token={TOKEN}", SECRET),
        "feishu": (f"{services.url}/feishu", SECRET),
    }


MESSAGE = robots.Message(
    title="进度回顾到期", text="刘洋的改进计划需要进度回顾", link="https://perf.example.com/plans/1/"
)


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_a_signed_message_is_accepted(services, kind):
    webhook, secret = hooks(services)[kind]
    answer = robots.post(kind, webhook, secret, MESSAGE, backoff=0)
    assert answer.ok and answer.code == 0 and answer.tries == 1
    ((service, body),) = services.received
    assert service == kind and "刘洋的改进计划需要进度回顾" in str(body)


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_a_wrong_signature_or_key_is_reported_not_counted_and_not_retried(services, kind):
    webhook, secret = hooks(services)[kind]
    if kind == "wecom":
        webhook = webhook.replace(KEY, "wrong")
    answer = robots.post(kind, webhook, "SECwrong", MESSAGE, backoff=0)
    assert not answer.ok and answer.code in (93000, 310000, 19021) and answer.tries == 1
    assert services.received == []


def test_a_timestamp_over_an_hour_old_is_refused(services):
    webhook, secret = hooks(services)["dingtalk"]
    import time

    url, body = robots.ROBOTS["dingtalk"].request(webhook, secret, MESSAGE, time.time() - 3700)
    answer = robots._send(robots.ROBOTS["dingtalk"], url, body)
    assert not answer.ok and answer.code == 310000


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_a_rate_limit_answer_is_tried_again_and_sent_once(services, kind):
    webhook, secret = hooks(services)[kind]
    services.refuse_next = [RATE_LIMITED[kind]]
    answer = robots.post(kind, webhook, secret, MESSAGE, backoff=0)
    assert answer.ok and answer.tries == 2 and len(services.received) == 1


def test_5xx_is_retried_then_given_up_with_the_reason(services):
    webhook, secret = hooks(services)["dingtalk"]
    services.refuse_next = [(502, {})] * 3
    answer = robots.post("dingtalk", webhook, secret, MESSAGE, backoff=0)
    assert not answer.ok and answer.tries == 3 and answer.status == 502 and services.received == []


def test_nobody_listening_is_a_failure_not_a_crash():
    answer = robots.post("wecom", "http://127.0.0.1:9/wecom?key=x", "", MESSAGE, tries=2, backoff=0)
    assert not answer.ok and answer.status == 0 and "no answer" in answer.message


def test_wecom_markdown_stays_within_4096_bytes_and_mentions_by_mobile(services):
    webhook, _ = hooks(services)["wecom"]
    long = robots.Message(title="长", text="汉" * 3000)
    assert robots.post("wecom", webhook, "", long, backoff=0).ok
    assert len(services.received[0][1]["markdown"]["content"].encode()) <= 4096
    mention = robots.Message(title="提醒", text="请查看", mobiles=("13800000000",))
    assert robots.post("wecom", webhook, "", mention, backoff=0).ok
    assert services.received[1][1]["text"]["mentioned_mobile_list"] == ["13800000000"]


def test_the_pace_keeps_20_a_minute():
    now = [0.0]
    waits = [pace.reserve("https://hook", 20, clock=lambda: now[0]) for _ in range(20)]
    assert waits == [0.0] * 20
    now[0] = 30.0
    # When the first is a minute old (and a second more, for the time it takes to arrive).
    assert pace.reserve("https://hook", 20, clock=lambda: now[0]) == 31.0
    assert pace.reserve("https://hook", 20, clock=lambda: now[0]) == 31.0  # the second's slot
    assert pace.reserve("https://other-hook", 20, clock=lambda: now[0]) == 0.0  # each robot its own
    now[0] = 200.0
    assert pace.reserve("https://hook", 20, clock=lambda: now[0]) == 0.0  # a quiet minute: free again


SENDS = """
import json, django
django.setup()
from perfloop.notify import pace
print(json.dumps([pace.reserve("https://shared-hook", 20, clock=lambda: 1000.0) for _ in range(10)]))
"""


@pytest.mark.django_db(transaction=True)
def test_worker_processes_share_the_pace_through_the_database():
    """Three worker processes send 10 messages each to one robot in the same instant: 20 go now,
    the other 10 wait until the first are a minute old, and no slot is given twice."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SENDS], cwd=ROOT, env=environment(), stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    waits = sorted(w for run in runs for w in json.loads(run.communicate(timeout=120)[0]))
    assert waits == [0.0] * 20 + [61.0] * 10
    assert len(RobotPace.objects.get().times) == 20


def test_the_command_prints_the_answer_and_fails_when_refused(services):
    webhook, secret = hooks(services)["feishu"]
    out = __import__("io").StringIO()
    call_command(
        "send_test_message", "--channel", "feishu", "--webhook", webhook, "--secret", secret, stdout=out
    )
    assert out.getvalue().startswith("sent - feishu: HTTP 200, code 0")
    with pytest.raises(CommandError, match="code 19021"):
        call_command("send_test_message", "--channel", "feishu", "--webhook", webhook, "--secret", "SECwrong")


@pytest.mark.django_db
def test_hr_adds_a_robot_the_secret_stays_hidden_and_events_turned_on_reach_the_group(
    services, org, browser_like, plan, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from perfloop.notify.models import ChatRobot, Delivery
    from tests.plans.conftest import ready

    page = browser_like("hr_in_scope", "zh-hans")
    robots_url = reverse("notify:robots")
    webhook = f"{services.url}/dingtalk?access_token={TOKEN}"
    form = {
        "kind": "dingtalk",
        "name": "研发中心群",
        "webhook": webhook,
        "secret": SECRET,
        "department": org.rd.pk,
    }
    assert page.submit(robots_url, robots_url, form).status_code == 302
    html = page.get(robots_url).content.decode()
    assert SECRET not in html and TOKEN not in html and "SEC…cret" in html
    outsider = browser_like("hr_out_of_scope", "zh-hans")
    assert outsider.submit(robots_url, robots_url, {**form, "name": "越权"}).status_code == 400
    assert ChatRobot.objects.count() == 1

    robot = ChatRobot.objects.get()
    response = page.submit(robots_url, reverse("notify:robot_test", args=[robot.pk]), {})
    assert response.status_code == 302 and len(services.received) == 1
    assert "钉钉的回复：HTTP 200，错误码 0" in page.get(robots_url).content.decode()

    org.employee.mobile = "13800000000"
    org.employee.save()
    # A plan sent to one person is theirs: the group hears it only once the organisation said so.
    from perfloop.notify import event_rules

    to_group = registry.Rule((registry.EMPLOYEE,), channels=("email", "chat"))
    event_rules.set_rules(by=org.user("admin"), wanted={"plans.submitted": to_group}, confirm_groups=True)
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)  # sent to 刘洋 (后端组, under 研发中心): the group hears it, mentioning him
    delivery = Delivery.objects.get(channel="chat")
    assert delivery.status == "sent" and delivery.robot == robot
    service, body = services.received[-1]
    assert service == "dingtalk" and "刘洋" in str(body) and f"/plans/{plan.pk}/" in str(body)
    assert body["at"]["atMobiles"] == ["13800000000"]


def test_a_robot_posts_only_to_its_service_or_a_host_the_deployment_names(
    services, org, browser_like, settings
):
    from django.urls import reverse

    from perfloop.notify.models import ChatRobot

    page = browser_like("admin", "zh-hans")
    robots_url = reverse("notify:robots")
    for webhook in (
        "https://169.254.169.254/latest/meta-data",  # the cloud's metadata service
        "http://10.0.0.5:8080/internal",
        "http://oapi.dingtalk.com/robot/send?access_token=x",  # the service, not over https
        "https://oapi.dingtalk.com.example.net/robot/send",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",  # WeCom's host for a DingTalk robot
    ):
        form = {"kind": "dingtalk", "name": "内网", "webhook": webhook, "secret": ""}
        refused = page.submit(robots_url, robots_url, form)
        assert refused.status_code == 400 and "请使用服务自己的 https 地址（oapi.dingtalk.com）" in (
            refused.content.decode()
        )
    assert not ChatRobot.objects.exists()
    official = {
        "kind": "dingtalk",
        "name": "研发群",
        "webhook": "https://oapi.dingtalk.com/robot/send?access_token=x",
    }
    assert page.submit(robots_url, robots_url, official).status_code == 302

    # Set up before the deployment narrowed its hosts: neither tested nor sent to.
    inside = ChatRobot.objects.create(kind="wecom", name="旧", webhook=f"{services.url}/wecom?key={KEY}",
                                      created_by=org.user("admin"))  # fmt: skip
    settings.PERFLOOP_ROBOT_HOSTS = []
    page.submit(robots_url, reverse("notify:robot_test", args=[inside.pk]), {})
    assert services.received == [] and "此主机不允许用于群机器人" in page.get(robots_url).content.decode()


def test_a_redirect_is_not_followed(services):
    webhook, _secret = hooks(services)["wecom"]
    services.refuse_next = [(302, {}, {"Location": f"{services.url}/feishu"})]
    answer = robots.post("wecom", webhook, "", MESSAGE, backoff=0)
    assert not answer.ok and answer.status == 302 and services.received == []


@pytest.mark.parametrize(
    "language, said",
    [
        ("en", "did not answer: 127.0.0.1 refused the connection."),
        ("zh-hans", "没有回复：127.0.0.1 拒绝了连接。"),
    ],
)
def test_a_robot_test_with_no_answer_says_why_in_words(services, org, browser_like, language, said):
    import socket

    from django.urls import reverse

    from perfloop.notify.models import ChatRobot

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    robot = ChatRobot.objects.create(kind="wecom", name="无人", webhook=f"http://127.0.0.1:{port}/wecom?key={KEY}",
                                     created_by=org.user("admin"))  # fmt: skip
    page = browser_like("admin", language)
    robots_url = reverse("notify:robots")
    page.submit(robots_url, reverse("notify:robot_test", args=[robot.pk]), {})
    html = page.get(robots_url).content.decode()
    assert said in html and "None" not in html and "HTTP 0" not in html
