"""Group chat robots: WeCom 企业微信, DingTalk 钉钉 and Feishu/Lark 飞书 custom bots, one small
adapter each, on the standard library's HTTP client (no SDK: the packages for these robots each
cover one service, pull in `requests`, and none reads the services' error codes or keeps under
their rate limits).

These services answer HTTP 200 with a non-zero code in the JSON body when they refuse, so an
answer counts as sent only when that code is 0. A rate-limit answer, a 5xx or a network error is
tried again with backoff, up to `TRIES` times; any other refusal is final. Every robot is kept
under its rate (20 messages a minute for WeCom and DingTalk) by all worker processes together
(notify/pace.py).
"""

import base64
import dataclasses
import hashlib
import hmac
import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

TRIES = 3
BACKOFF = None  # seconds before the second try, doubled each time: PERFLOOP_CHAT_BACKOFF (1 s)
TIMEOUT = 10
MARKDOWN_LIMIT = 4096  # WeCom's limit on a markdown message, in bytes


@dataclass(frozen=True)
class Message:
    title: str
    text: str
    link: str = ""
    mobiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    ok: bool
    status: int  # HTTP status (0: no answer)
    code: int | None  # the service's own code
    message: str
    retry: bool = False
    tries: int = 1
    # Why there was no answer at all (status 0): no_host, refused, timeout, certificate,
    # unreachable, bad_address, not_allowed (chat.test); the pages word it in the reader's language.
    failure: str = ""


def _failure(error) -> str:
    if isinstance(error, socket.gaierror):
        return "no_host"
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, ssl.SSLError):
        return "certificate"
    return "unreachable"


def _hmac_b64(key: bytes, message: bytes) -> str:
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


class Robot:
    kind = ""
    hosts: tuple[str, ...] = ()  # the service's own
    per_minute = 20
    rate_codes: frozenset = frozenset()

    def request(self, webhook: str, secret: str, message: Message, now: float) -> tuple[str, dict]:
        raise NotImplementedError

    def read(self, status: int, body: dict) -> Answer:
        code = body.get("errcode", body.get("code"))
        text = str(body.get("errmsg", body.get("msg", "")))
        if status == 200 and code == 0:
            return Answer(True, status, code, text or "ok")
        retry = status == 429 or status >= 500 or code in self.rate_codes
        return Answer(False, status, code if isinstance(code, int) else None, text or f"HTTP {status}", retry)


class WeCom(Robot):
    """企业微信群机器人: the key is in the webhook URL; markdown up to 4096 bytes."""

    kind = "wecom"
    hosts = ("qyapi.weixin.qq.com",)
    rate_codes = frozenset({45009})  # api freq out of limit

    def request(self, webhook, secret, message, now):
        if message.mobiles:  # a markdown message cannot mention by mobile number; a text one can
            text = _cut(f"{message.title}\n{message.text}\n{message.link}".strip(), 2048)
            return webhook, {
                "msgtype": "text",
                "text": {"content": text, "mentioned_mobile_list": list(message.mobiles)},
            }
        content = f"**{message.title}**\n{message.text}"
        if message.link:
            content += f"\n[{message.link}]({message.link})"
        return webhook, {"msgtype": "markdown", "markdown": {"content": _cut(content, MARKDOWN_LIMIT)}}


class DingTalk(Robot):
    """钉钉自定义机器人, signed: timestamp in ms and sign = base64(HMAC-SHA256(secret, "ts\\nsecret")),
    URL-encoded once, as query parameters."""

    kind = "dingtalk"
    hosts = ("oapi.dingtalk.com",)
    rate_codes = frozenset({130101})  # send too fast

    def request(self, webhook, secret, message, now):
        url = webhook
        if secret:
            timestamp = str(int(now * 1000))
            sign = _hmac_b64(secret.encode(), f"{timestamp}\n{secret}".encode())
            query = urllib.parse.urlencode({"timestamp": timestamp, "sign": sign})
            url = f"{webhook}{'&' if '?' in webhook else '?'}{query}"
        text = f"### {message.title}\n\n{message.text}"
        text += "".join(f" @{m}" for m in message.mobiles)
        if message.link:
            body = {"msgtype": "actionCard", "actionCard": {"title": message.title, "text": text,
                    "singleTitle": message.title[:20], "singleURL": message.link}}  # fmt: skip
        else:
            body = {"msgtype": "markdown", "markdown": {"title": message.title, "text": text}}
        body["at"] = {"atMobiles": list(message.mobiles), "isAtAll": False}
        return url, body


class Feishu(Robot):
    """飞书自定义机器人, signed: timestamp in seconds and sign = base64(HMAC-SHA256 keyed with
    "ts\\nsecret" over an empty message), both in the JSON body; a post with a link."""

    kind = "feishu"
    hosts = ("open.feishu.cn", "open.larksuite.com")
    per_minute = 100
    rate_codes = frozenset({11232, 9499})

    def request(self, webhook, secret, message, now):
        line = [{"tag": "text", "text": message.text}]
        if message.link:
            line.append({"tag": "a", "text": " ↗", "href": message.link})
        body = {
            "msg_type": "post",
            "content": {"post": {"zh_cn": {"title": message.title, "content": [line]}}},
        }
        if secret:
            timestamp = str(int(now))
            body = {"timestamp": timestamp, "sign": _hmac_b64(f"{timestamp}\n{secret}".encode(), b""), **body}
        return webhook, body


ROBOTS = {r.kind: r for r in (WeCom(), DingTalk(), Feishu())}


def allowed(kind: str, webhook: str, extra_hosts=()) -> bool:
    """The service's own host over https, or a host the deployment names (PERFLOOP_ROBOT_HOSTS):
    a robot must not become a way to reach the server's own network. The services' addresses are
    plain ASCII: any other character is refused (an HTTP request line cannot carry it)."""
    if not webhook.isascii() or any(c.isspace() or ord(c) < 32 for c in webhook):
        return False
    try:
        parts = urllib.parse.urlsplit(webhook)
        port = parts.port
    except ValueError:  # not an address at all, or a port that is not a number
        return False
    if parts.hostname in extra_hosts:
        return parts.scheme in ("http", "https")
    return parts.scheme == "https" and parts.hostname in ROBOTS[kind].hosts and port in (None, 443)


def _cut(text: str, limit: int) -> str:
    data = text.encode()
    return text if len(data) <= limit else data[: limit - 3].decode(errors="ignore") + "…"


def post(
    kind: str,
    webhook: str,
    secret: str,
    message: Message,
    *,
    tries: int = TRIES,
    backoff: float | None = BACKOFF,
    slot_taken: bool = False,
) -> Answer:
    """Send one message, trying again on a rate limit, a 5xx or no answer; the last answer.
    `slot_taken`: the caller already waited for its slot (notify/pace.py) for the first try."""
    from django.conf import settings

    from perfloop.notify import pace

    robot = ROBOTS[kind]
    backoff = settings.PERFLOOP_CHAT_BACKOFF if backoff is None else backoff
    answer = None
    for attempt in range(1, tries + 1):
        if attempt > 1 or not slot_taken:
            pace.wait(webhook, robot.per_minute)
        url, body = robot.request(webhook, secret, message, time.time())
        answer = _send(robot, url, body)
        answer = dataclasses.replace(answer, tries=attempt)
        if answer.ok or not answer.retry:
            return answer
        if attempt < tries:
            time.sleep(backoff * 2 ** (attempt - 1))
    return answer


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A robot's answer is the service's own: a redirect elsewhere is not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _send(robot: Robot, url: str, body: dict) -> Answer:
    data = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except urllib.error.URLError as error:
        return Answer(False, 0, None, f"no answer: {error}", retry=True, failure=_failure(error.reason))
    except OSError as error:  # a timeout while reading, a connection reset
        return Answer(False, 0, None, f"no answer: {error}", retry=True, failure=_failure(error))
    except (UnicodeError, ValueError) as error:  # an address no request can be made of
        return Answer(False, 0, None, f"not a usable address: {error}", failure="bad_address")
    try:
        parsed = json.loads(raw or b"{}")
    except ValueError:
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    if not parsed and status != 200:
        return Answer(False, status, None, f"HTTP {status}", retry=status == 429 or status >= 500)
    return robot.read(status, parsed)
