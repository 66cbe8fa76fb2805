"""Calling DingTalk's, WeCom's and Feishu's open APIs: JSON over HTTPS with a timeout, an app's
access token kept until shortly before it expires (and fetched again when the service says it is
no longer valid), and a call the service refused as too frequent tried again after a pause. By
hand on the standard library, as the chat robots are: a sync and a sign-in use four to six
endpoints of each service, which the official SDKs (lark-oapi; alibabacloud-dingtalk with the Tea
runtime; wechatpy, unreleased since 2021) would bring in whole."""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from perfloop.directory.sync import Unavailable


class Refused(Unavailable):
    """The service answered with an error (the directory could not be read): `code` is its own
    error code, `message` its words."""

    def __init__(self, code, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def request(method: str, url: str, *, params=None, body=None, headers=None) -> dict:
    """The service's JSON answer (an HTTP error's body too, when it is JSON)."""
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    data = json.dumps(body).encode() if body is not None else None
    sent = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json; charset=utf-8", "Accept": "application/json", **(headers or {}),
    })  # fmt: skip
    try:
        with _opener.open(sent, timeout=settings.PERFLOOP_DIRECTORY_TIMEOUT) as answer:
            raw = answer.read(settings.PERFLOOP_DIRECTORY_MAX_ANSWER + 1)
    except urllib.error.HTTPError as error:
        raw = error.read(settings.PERFLOOP_DIRECTORY_MAX_ANSWER + 1)
        try:
            return {"http_status": error.code, **json.loads(raw)}
        except ValueError:
            raise Unavailable(f"HTTP {error.code} from {urllib.parse.urlsplit(url).netloc}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise Unavailable(f"{urllib.parse.urlsplit(url).netloc}: {getattr(error, 'reason', error)}") from None
    if len(raw) > settings.PERFLOOP_DIRECTORY_MAX_ANSWER:
        raise Unavailable(f"{urllib.parse.urlsplit(url).netloc}: the answer is too large")
    try:
        found = json.loads(raw)
    except ValueError:
        raise Unavailable(f"{urllib.parse.urlsplit(url).netloc}: not a JSON answer") from None
    if not isinstance(found, dict):
        raise Unavailable(f"{urllib.parse.urlsplit(url).netloc}: not a JSON object")
    return found


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # an API that redirects is not the API configured


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass
class _Token:
    value: str
    expires: float


class Client:
    """One app's calls to one service. Subclasses say how a token is fetched, how an answer
    reports its error, and which codes mean "too frequent" and "token no longer valid"."""

    RATE_LIMITED: frozenset = frozenset()
    TOKEN_INVALID: frozenset = frozenset()
    _tokens: dict = {}
    _lock = threading.Lock()

    def __init__(self, method):
        self.method = method

    def fetch_token(self) -> tuple[str, int]:  # (token, seconds valid)
        raise NotImplementedError

    def error_of(self, answer: dict):  # (code, message), or None when the answer is a success
        raise NotImplementedError

    def token(self) -> str:
        key = (type(self).__name__, self.method.source, self.method.secret)
        with self._lock:
            kept = self._tokens.get(key)
            if kept and kept.expires > time.monotonic():
                return kept.value
        value, seconds = self.fetch_token()
        with self._lock:  # kept until five minutes (or a tenth of its life) before it expires
            self._tokens[key] = _Token(value, time.monotonic() + seconds - min(300, seconds / 10))
        return value

    def forget_token(self) -> None:
        with self._lock:
            self._tokens.pop((type(self).__name__, self.method.source, self.method.secret), None)

    def call(self, method: str, url: str, *, authorize, params=None, body=None) -> dict:
        """The answer of a call made with the app's token (`authorize(token) → (params, headers)`),
        tried again while the service says it is too frequent, and once with a new token."""
        renewed = False
        for attempt in range(settings.PERFLOOP_DIRECTORY_TRIES):
            extra_params, headers = authorize(self.token())
            answer = request(
                method, url, params={**(params or {}), **extra_params}, body=body, headers=headers
            )
            error = self.error_of(answer)
            if error is None:
                return answer
            code, message = error
            if code in self.TOKEN_INVALID and not renewed:
                self.forget_token()
                renewed = True
                continue
            if code in self.RATE_LIMITED or answer.get("http_status") == 429:
                time.sleep(settings.PERFLOOP_DIRECTORY_BACKOFF * 2**attempt)
                continue
            raise Refused(code, message)
        raise Unavailable(
            f"{self.method.label}: {code} {message} ({settings.PERFLOOP_DIRECTORY_TRIES} tries)"
        )


class ErrcodeClient(Client):
    """DingTalk's older API and WeCom's: `errcode` 0 is success; the app's token is a GET with the
    app's id and secret in the query (`token_address`, `token_query`)."""

    def token_address(self) -> str:
        raise NotImplementedError

    def token_query(self) -> dict:
        raise NotImplementedError

    def fetch_token(self):
        answer = request("GET", self.token_address(), params=self.token_query())
        if answer.get("errcode") != 0:
            raise Refused(answer.get("errcode"), answer.get("errmsg", ""))
        return answer["access_token"], int(answer.get("expires_in", 7200))

    def error_of(self, answer):
        code = answer.get("errcode", 0)
        return None if code == 0 else (code, answer.get("errmsg", ""))

    def with_token(self, method: str, url: str, **kwargs) -> dict:
        return self.call(method, url, authorize=lambda token: ({"access_token": token}, {}), **kwargs)
