"""A small OpenID Connect provider on 127.0.0.1: the authorization code flow with PKCE, ID tokens
signed RS256 by PyJWT with a key of its own (published at its JWKS address), checked as a real
provider checks: the client's id and secret, the redirect address registered, the code once and
only with the verifier of its challenge, the access token on the user info. `who` is the person
at the provider's login page; `tamper` makes the next ID token wrong in one way."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID, CLIENT_SECRET = "perfloop", "oidc-client-secret"


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    def __init__(self):
        self.key, self.other_key = _key(), _key()
        self.who: dict = {}  # the claims of whoever signs in at the provider next
        self.tamper = ""  # "audience", "issuer", "expired", "nonce", "signature", "none", "hs256"
        self.redirect_uri = ""  # the one registered
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.authorize_requests: list[dict] = []
        self.token_requests: list[dict] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.url + "/realms/company"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()

    def settings(self) -> dict:
        """What PERFLOOP_OIDC_* (or the settings page) would say."""
        return {
            "client_id": CLIENT_ID, "secret": CLIENT_SECRET, "issuer": self.issuer,
            "authorization_endpoint": self.url + "/auth", "token_endpoint": self.url + "/token",
            "userinfo_endpoint": self.url + "/userinfo", "jwks_endpoint": self.url + "/certs",
            "hr_group": "perfloop-hr",
        }  # fmt: skip

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": "main", "alg": "RS256", "use": "sig"}]}

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": CLIENT_ID, "sub": self.who["sub"], "iat": now, "exp": now + 300,
            "nonce": grant["nonce"], **{k: v for k, v in self.who.items() if k != "sub"},
        }  # fmt: skip
        key, algorithm, headers = self.key, "RS256", {"kid": "main"}
        match self.tamper:
            case "audience":
                claims["aud"] = "another-app"
            case "issuer":
                claims["iss"] = "https://evil.example/realms/company"
            case "expired":
                claims["iat"], claims["exp"] = now - 3600, now - 1800
            case "nonce":
                claims["nonce"] = "a-nonce-of-another-sign-in"
            case "signature":
                key = self.other_key
            case "none":
                return jwt.encode(claims, None, algorithm="none", headers=headers)
            case "hs256":  # the public key used as an HMAC secret (a classic confusion attack)
                public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key())
                return jwt.encode(claims, public.encode(), algorithm="HS256", headers=headers)
        return jwt.encode(claims, key, algorithm=algorithm, headers=headers)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body=None, headers=None):
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if parts.path == "/certs":
                    return self._send(200, provider.jwks())
                if parts.path == "/auth":
                    return self._send(*provider.authorize(query))
                if parts.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    with provider.lock:
                        grant = provider.tokens.get(token)
                    if grant is None:
                        return self._send(401, {"error": "invalid_token"})
                    return self._send(200, {k: v for k, v in provider.who.items()})
                return self._send(404, {"error": "not_found"})

            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                form = {k: v[0] for k, v in parse_qs(raw).items()}
                if urlsplit(self.path).path != "/token":
                    return self._send(404, {"error": "not_found"})
                basic = self.headers.get("Authorization", "")
                if basic.startswith("Basic "):
                    form["client_id"], form["client_secret"] = (
                        base64.b64decode(basic[6:]).decode().split(":", 1)
                    )
                with provider.lock:
                    provider.token_requests.append(form)
                    return self._send(*provider.token(form))

        return Handler

    def authorize(self, query: dict):
        self.authorize_requests.append(query)
        if query.get("client_id") != CLIENT_ID or query.get("redirect_uri") != self.redirect_uri:
            return 400, {"error": "invalid_request", "error_description": "unknown client or redirect"}
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return 400, {"error": "invalid_request"}
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return 400, {"error": "invalid_request", "error_description": "PKCE required"}
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {
                "challenge": query["code_challenge"], "nonce": query.get("nonce"),
                "redirect_uri": query["redirect_uri"],
            }  # fmt: skip
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
        return 302, None, {"Location": target}

    def token(self, form: dict):
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        access = secrets.token_urlsafe(24)
        self.tokens[access] = grant
        return 200, {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(grant),
        }
