"""A robot's address: its key never shown (Feishu carries it in the path), and an address no
request can be made of refused with a reason, never a 500."""

import pytest

from perfloop.notify.models import ChatRobot
from tests.api.conftest import send

pytestmark = pytest.mark.django_db
FEISHU = "https://open.feishu.cn/open-apis/bot/v2/hook/3f2c9a51-7e1b-4d2a-9c0e-5b8f1a2d6e7c"


def test_a_feishu_key_is_masked_like_the_others(org, api_client, browser_like):
    status, made = send(api_client("admin"), "post", "/api/v1/robots",
                        {"kind": "feishu", "name": "全员群", "webhook": FEISHU})  # fmt: skip
    assert status == 201 and made["webhook"] == "https://open.feishu.cn/open-apis/bot/v2/hook/…"
    html = browser_like("admin").get("/notify/robots/").content.decode()
    assert "3f2c9a51" not in html and "/hook/…" in html


@pytest.mark.parametrize("webhook", ["https://oapi.dingtalk.com/robot/send?access_token=钉钉",
                                     "https://oapi.dingtalk.com/robot/send?access_token=a b",
                                     "https://oapi.dingtalk.com/ro\nbot/send"])  # fmt: skip
def test_an_address_with_other_characters_is_refused_with_a_reason(org, api_client, webhook):
    status, answer = send(api_client("admin"), "post", "/api/v1/robots",
                          {"kind": "dingtalk", "name": "群", "webhook": webhook})  # fmt: skip
    assert status == 400 and "oapi.dingtalk.com" in answer["detail"]
    # One stored before the check: its test answers with the reason.
    robot = ChatRobot.objects.create(
        kind="dingtalk", name="旧", webhook=webhook, created_by=org.user("admin")
    )
    status, answer = send(api_client("admin"), "post", f"/api/v1/robots/{robot.pk}/test")
    assert status == 200 and not answer["ok"] and answer["message"]
