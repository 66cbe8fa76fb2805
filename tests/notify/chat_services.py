"""A real HTTP server on 127.0.0.1 playing WeCom, DingTalk and Feishu group robots: it checks the
key or the signature exactly as each service does (recomputed from the secret; a timestamp more
than an hour away is refused) and answers with the services' own success and error bodies."""

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

KEY, TOKEN, SECRET = "wecom-key-1", "ding-token-1", "SECtest-secret"
HOUR = 3600


class ChatServices:
    def __init__(self, per_minute: int | None = None):
        self.received = []  # (service, JSON body) of each message accepted
        self.accepted_at = []  # when each was accepted (time.monotonic)
        self.refuse_next = []  # answers to give first: (status, body) or (status, body, headers)
        self.per_minute = per_minute  # set: refuse as the service does beyond this many a minute
        self.rate_limited = 0  # messages refused for it
        self.lock = threading.Lock()
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()

    def _handler(self):
        services = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                with services.lock:
                    status, answer, *headers = services.answer(parts.path, query, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                for name, value in (headers[0] if headers else {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def answer(self, path: str, query: dict, body: dict) -> tuple[int, dict]:
        if self.refuse_next:
            return self.refuse_next.pop(0)
        now = time.monotonic()
        if self.per_minute and sum(t > now - 60 for t in self.accepted_at) >= self.per_minute:
            self.rate_limited += 1
            return RATE_LIMITED[path[1:]]
        answer = {"/wecom": _wecom, "/dingtalk": _dingtalk, "/feishu": _feishu}[path](query, body)
        if answer.get("errcode", answer.get("code")) == 0:
            self.received.append((path[1:], body))
            self.accepted_at.append(now)
        return 200, answer


def _sign(key: bytes, message: bytes) -> str:
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def _wecom(query, body):
    if query.get("key") != [KEY]:
        return {"errcode": 93000, "errmsg": "invalid webhook url"}
    if body.get("msgtype") == "markdown" and len(body["markdown"]["content"].encode()) > 4096:
        return {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
    return {"errcode": 0, "errmsg": "ok"}


def _dingtalk(query, body):
    if query.get("access_token") != [TOKEN]:
        return {"errcode": 300001, "errmsg": "token is not exist"}
    timestamp, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]  # decoded once
    if not timestamp.isdigit() or abs(time.time() * 1000 - int(timestamp)) > HOUR * 1000:
        return {"errcode": 310000, "errmsg": "sign not match, timestamp is more than 1 hour away"}
    if sign != _sign(SECRET.encode(), f"{timestamp}\n{SECRET}".encode()):
        return {"errcode": 310000, "errmsg": "sign not match"}
    return {"errcode": 0, "errmsg": "ok"}


def _feishu(query, body):
    timestamp, sign = str(body.get("timestamp", "")), body.get("sign", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > HOUR:
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    if sign != _sign(f"{timestamp}\n{SECRET}".encode(), b""):
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    return {"code": 0, "msg": "success", "data": {}}


RATE_LIMITED = {
    "wecom": (200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
    "dingtalk": (200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}),
    "feishu": (200, {"code": 11232, "msg": "frequency limited"}),
}
