"""A receiving server on 127.0.0.1 as an integrator writes one: it recomputes the signature from
the secret it was given (HMAC-SHA256 over timestamp, dot and body), refuses a wrong one or a
timestamp more than five minutes away with 401, and otherwise gives the answers queued for it
(200 by default). What it took is kept in `received`."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE = 300


class Receiver:
    def __init__(self, secret: str = ""):
        self.secret = secret
        self.received = []  # (headers, parsed body) of each request whose signature held
        self.refused = 0  # requests whose signature did not hold
        self.answers = []  # (status, body, headers) to give first, one per request
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/perfloop/events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def valid(self, headers, body: bytes) -> bool:
        stamp = headers.get("X-PerfLoop-Timestamp", "")
        given = headers.get("X-PerfLoop-Signature", "").removeprefix("sha256=")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > TOLERANCE:
            return False
        wanted = hmac.new(self.secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(wanted, given)

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    if not receiver.valid(self.headers, body):
                        receiver.refused += 1
                        status, answer, headers = 401, b"bad signature", {}
                    else:
                        receiver.received.append((dict(self.headers), json.loads(body)))
                        status, answer, headers = (
                            receiver.answers.pop(0) if receiver.answers else (200, b"ok", {})
                        )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        return Handler
