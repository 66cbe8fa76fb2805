"""A real HTTP server on 127.0.0.1 playing DingTalk's, WeCom's and Feishu's open platforms as a
company's directory: it checks what each one checks — the app's key and secret before it gives an
access token (which expires), that token on every call (the service's own error code when it is
wrong or old), page sizes and the paging cursor or page token, one-time login codes tied to their
redirect address (and, for Feishu, the PKCE challenge), and it answers "too frequent" with the
service's rate-limit code when told to. Paths as the services' own (they do not collide), so one
server plays all three; each service's base addresses point at it."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

DINGTALK = {"client_id": "ding-app-key", "secret": "ding-app-secret", "corp_id": "ding-corp-1"}
WECOM = {"corp_id": "ww-corp-1", "agent_id": "1000002", "secret": "wecom-app-secret"}
FEISHU = {"client_id": "cli_feishu_app", "secret": "feishu-app-secret"}
TENANT = "tenant-xinghe"
RATE_LIMIT = {"dingtalk": {"errcode": 90018, "errmsg": "当前企业调用该接口超过频率限制"},
              "wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
              "feishu": {"code": 99991400, "msg": "request trigger frequency limit"}}  # fmt: skip


class Services:
    def __init__(self):
        self.lock = threading.RLock()
        self.tokens: dict[str, tuple[str, float]] = {}  # token → (service, expires at)
        self.user_tokens: dict[str, tuple[str, str]] = {}  # a person's token → (service, their id)
        self.codes: dict[str, dict] = {}
        self.calls: list[tuple[str, str]] = []  # (service, path) of each call with an app token
        self.token_fetches = {"dingtalk": 0, "wecom": 0, "feishu": 0}
        self.too_frequent = {"dingtalk": 0, "wecom": 0, "feishu": 0}  # calls to refuse next
        self.reset()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()

    def reset(self):
        """The company as each service lists it: departments (id, name, parent) and people."""
        self.company = "星河测试"
        self.units = [("rd", "研发中心", None), ("backend", "后端组", "rd"), ("sales", "销售部", None)]
        self.people = [
            {"id": "u-chen", "name": "陈志强", "unit": "rd", "number": "M0001", "position": "研发总监", "manager": ""},
            {"id": "u-liu", "name": "刘洋", "unit": "backend", "number": "E0001", "position": "工程师", "manager": "u-chen"},
            {"id": "u-zhao", "name": "赵敏", "unit": "sales", "number": "S0001", "position": "销售", "manager": ""},
        ]  # fmt: skip
        self.signed_in = {"dingtalk": "u-liu", "wecom": "u-liu", "feishu": "u-liu"}  # at the phone
        self.outsiders = set()  # ids of people from another company (or not members)
        self.frozen = self.places = self.numbers = None

    def expire_tokens(self):
        with self.lock:
            self.tokens = {t: (s, 0.0) for t, (s, _e) in self.tokens.items()}

    def settings(self, service: str) -> dict:
        base = {"api_base": self.url, "oapi_base": self.url, "login_base": self.url, "oauth_base": self.url,
                "jsapi": f"{self.url}/jsapi/{service}.js"}  # fmt: skip
        return {**base, **{"dingtalk": DINGTALK, "wecom": WECOM, "feishu": FEISHU}[service]}

    # The people as each service shows them.

    def _unit_id(self, service, unit):
        if unit is None:
            return {"dingtalk": 1, "wecom": 1, "feishu": "0"}[service]
        places = self.places or {u[0]: i for i, u in enumerate(self.units)}
        number = places[unit] + 2
        return {"dingtalk": number, "wecom": number, "feishu": f"od-{unit}"}[service]

    def _person(self, service, person):
        unit = self._unit_id(service, person["unit"])
        if service == "dingtalk":
            return {"userid": person["id"], "unionid": f"union-{person['id']}", "name": person["name"],
                    "job_number": person["number"], "title": person["position"], "dept_id_list": [unit],
                    "manager_userid": person["manager"], "active": person.get("active", True),
                    "mobile": person.get("mobile", ""), "email": person.get("email", "")}  # fmt: skip
        if service == "wecom":  # no e-mail, no mobile for new apps; the company made userids the numbers
            return {"userid": person["number"], "name": person["name"], "department": [unit], "main_department": unit,
                    "position": person["position"], "status": 1 if person.get("active", True) else 5,
                    "direct_leader": [self._number(person["manager"])] if person["manager"] else []}  # fmt: skip
        return {"open_id": person["id"], "name": person["name"], "employee_no": person["number"],
                "department_ids": [unit], "leader_user_id": person["manager"], "job_title": person["position"],
                "mobile": person.get("mobile", ""), "email": person.get("email", ""),
                "status": {"is_resigned": not person.get("active", True), "is_frozen": False}}  # fmt: skip

    def _number(self, person_id):
        if self.numbers is not None:
            return self.numbers[person_id]
        return next(p["number"] for p in self.people if p["id"] == person_id)

    def _members(self, service, unit_id):
        if self.frozen is not None:
            return self.frozen.get((service, unit_id), [])
        return [self._person(service, p) for p in self.people if self._unit_id(service, p["unit"]) == unit_id]

    def freeze(self):
        """The people indexed by unit once (a benchmark's 20,000: the stand-in's own time aside)."""
        self.places = {u[0]: i for i, u in enumerate(self.units)}
        self.numbers = {p["id"]: p["number"] for p in self.people}
        index = {}
        for service in ("dingtalk", "wecom", "feishu"):
            for person in self.people:
                index.setdefault((service, self._unit_id(service, person["unit"])), []).append(
                    self._person(service, person)
                )
        self.frozen = index

    def _children(self, service, parent):
        return [u for u in self.units if self._unit_id(service, u[2]) == parent]

    # Tokens, codes, paging.

    def _new_token(self, service, seconds=7200) -> str:
        token = secrets.token_hex(16)
        self.tokens[token] = (service, time.monotonic() + seconds)
        self.token_fetches[service] += 1
        return token

    def _token_ok(self, service, token) -> str:
        """ "" when the token is good; else why not ("invalid" or "expired")."""
        found = self.tokens.get(token)
        if found is None or found[0] != service:
            return "invalid"
        return "expired" if found[1] < time.monotonic() else ""

    def issue_code(self, service, *, redirect_uri="", challenge="", in_app=False) -> str:
        code = secrets.token_hex(12)
        with self.lock:
            self.codes[code] = {"service": service, "who": self.signed_in[service], "redirect_uri": redirect_uri,
                                "challenge": challenge, "in_app": in_app}  # fmt: skip
        return code

    def _use_code(self, service, code, *, in_app=None):
        found = self.codes.pop(code, None)  # good once
        if found is None or found["service"] != service or (in_app is not None and found["in_app"] != in_app):
            return None
        return found

    @staticmethod
    def _page(items, size, start):
        start = int(start or 0)
        return items[start : start + size], (start + size if start + size < len(items) else None)

    # The services.

    def dingtalk(self, method, path, query, body, headers):
        if path == "/gettoken":
            if query.get("appkey") != DINGTALK["client_id"] or query.get("appsecret") != DINGTALK["secret"]:
                return 200, {"errcode": 40089, "errmsg": "不合法的appkey或appSecret"}
            return 200, {"errcode": 0, "access_token": self._new_token("dingtalk"), "expires_in": 7200}
        if path == "/oauth2/auth":  # the QR-code login page, the person already scanned
            if query.get("client_id") != DINGTALK["client_id"] or query.get("response_type") != "code":
                return 400, {"error": "invalid_request"}
            code = self.issue_code("dingtalk", redirect_uri=query["redirect_uri"])
            return (
                302,
                None,
                {
                    "Location": f"{query['redirect_uri']}?{urlencode({'authCode': code, 'state': query.get('state', '')})}"
                },
            )
        if path == "/v1.0/oauth2/userAccessToken":
            if (
                body.get("clientId") != DINGTALK["client_id"]
                or body.get("clientSecret") != DINGTALK["secret"]
            ):
                return 400, {"code": "InvalidClient", "message": "clientId or clientSecret is invalid"}
            found = self._use_code("dingtalk", body.get("code", ""), in_app=False)
            if found is None or body.get("grantType") != "authorization_code":
                return 400, {"code": "InvalidAuthentication", "message": "authCode is invalid"}
            token = secrets.token_hex(16)
            self.user_tokens[token] = ("dingtalk", found["who"])
            return 200, {
                "accessToken": token,
                "expireIn": 7200,
                "refreshToken": "r",
                "corpId": DINGTALK["corp_id"],
            }
        if path == "/v1.0/contact/users/me":
            found = self.user_tokens.get(headers.get("x-acs-dingtalk-access-token", ""))
            if found is None:
                return 401, {"code": "InvalidAuthentication", "message": "token is invalid"}
            return 200, {"nick": "", "unionId": f"union-{found[1]}", "openId": f"open-{found[1]}"}
        why = self._token_ok("dingtalk", query.get("access_token", ""))
        if why:
            return 200, {"errcode": 40014 if why == "invalid" else 42001, "errmsg": f"access_token {why}"}
        self.calls.append(("dingtalk", path))
        if self.too_frequent["dingtalk"]:
            self.too_frequent["dingtalk"] -= 1
            return 200, RATE_LIMIT["dingtalk"]
        ok = {"errcode": 0, "errmsg": "ok"}
        if path == "/topapi/v2/department/get":
            if body["dept_id"] == 1:
                return 200, {**ok, "result": {"dept_id": 1, "name": self.company}}
            return 200, {"errcode": 60003, "errmsg": "部门不存在"}
        if path == "/topapi/v2/department/listsub":
            found = [{"dept_id": self._unit_id("dingtalk", u[0]), "name": u[1], "parent_id": body["dept_id"]}
                     for u in self._children("dingtalk", body["dept_id"])]  # fmt: skip
            return 200, {**ok, "result": found}
        if path == "/topapi/v2/user/list":
            if not 1 <= body.get("size", 0) <= 100:
                return 200, {"errcode": 40035, "errmsg": "不合法的参数: size"}
            listed, following = self._page(
                self._members("dingtalk", body["dept_id"]), body["size"], body["cursor"]
            )
            return 200, {
                **ok,
                "result": {"has_more": following is not None, "next_cursor": following, "list": listed},
            }
        if path == "/topapi/v2/user/get":
            found = [self._person("dingtalk", p) for p in self.people if p["id"] == body.get("userid")]
            return 200, {**ok, "result": found[0]} if found else {"errcode": 60121, "errmsg": "找不到该用户"}
        if path == "/topapi/user/getbyunionid":
            who = body.get("unionid", "").removeprefix("union-")
            if who in self.outsiders or who not in {p["id"] for p in self.people}:
                return 200, {"errcode": 60121, "errmsg": "找不到该用户"}
            return 200, {**ok, "result": {"contact_type": 0, "userid": who}}
        if path == "/topapi/v2/user/getuserinfo":
            found = self._use_code("dingtalk", body.get("code", ""), in_app=True)
            if found is None:
                return 200, {"errcode": 40078, "errmsg": "不存在的临时授权码"}
            return 200, {**ok, "result": {"userid": found["who"], "unionid": f"union-{found['who']}"}}
        return 404, {"errcode": 404, "errmsg": "not found"}

    def wecom(self, method, path, query, body, headers):
        if path == "/cgi-bin/gettoken":
            if query.get("corpid") != WECOM["corp_id"]:
                return 200, {"errcode": 40013, "errmsg": "invalid corpid"}
            if query.get("corpsecret") != WECOM["secret"]:
                return 200, {"errcode": 40001, "errmsg": "invalid credential"}
            return 200, {
                "errcode": 0,
                "errmsg": "ok",
                "access_token": self._new_token("wecom"),
                "expires_in": 7200,
            }
        if path in ("/wwlogin/sso/login", "/connect/oauth2/authorize"):  # QR login; WeCom's own OAuth page
            if query.get("appid") != WECOM["corp_id"] or query.get("agentid") != WECOM["agent_id"]:
                return 400, {"errcode": 40013, "errmsg": "invalid corpid"}
            code = self.issue_code("wecom", redirect_uri=query["redirect_uri"])
            return (
                302,
                None,
                {
                    "Location": f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
                },
            )
        why = self._token_ok("wecom", query.get("access_token", ""))
        if why:
            return 200, {"errcode": 40014 if why == "invalid" else 42001, "errmsg": f"access_token {why}"}
        self.calls.append(("wecom", path))
        if self.too_frequent["wecom"]:
            self.too_frequent["wecom"] -= 1
            return 200, RATE_LIMIT["wecom"]
        ok = {"errcode": 0, "errmsg": "ok"}
        if path == "/cgi-bin/department/list":
            found = [{"id": 1, "name": self.company, "parentid": 0, "order": 1}] + [
                {"id": self._unit_id("wecom", u[0]), "name": u[1], "parentid": self._unit_id("wecom", u[2]), "order": 1}
                for u in self.units
            ]  # fmt: skip
            return 200, {**ok, "department": found}
        if path == "/cgi-bin/user/list":
            return 200, {**ok, "userlist": self._members("wecom", int(query["department_id"]))}
        if path == "/cgi-bin/auth/getuserinfo":
            found = self._use_code("wecom", query.get("code", ""))
            if found is None:
                return 200, {"errcode": 40029, "errmsg": "invalid code"}
            if found["who"] in self.outsiders:
                return 200, {**ok, "openid": f"o-{found['who']}"}
            return 200, {**ok, "userid": self._number(found["who"])}
        return 404, {"errcode": 404, "errmsg": "not found"}

    def feishu(self, method, path, query, body, headers):
        if path == "/open-apis/auth/v3/tenant_access_token/internal":
            if body.get("app_id") != FEISHU["client_id"] or body.get("app_secret") != FEISHU["secret"]:
                return 200, {"code": 10014, "msg": "app secret invalid"}
            return 200, {
                "code": 0,
                "msg": "ok",
                "tenant_access_token": self._new_token("feishu"),
                "expire": 7200,
            }
        if path == "/open-apis/authen/v1/authorize":
            if query.get("client_id") != FEISHU["client_id"] or query.get("code_challenge_method") != "S256":
                return 400, {"code": 20029, "msg": "invalid request"}
            code = self.issue_code(
                "feishu", redirect_uri=query["redirect_uri"], challenge=query["code_challenge"]
            )
            return (
                302,
                None,
                {
                    "Location": f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
                },
            )
        if path == "/open-apis/authen/v2/oauth/token":
            if body.get("client_id") != FEISHU["client_id"] or body.get("client_secret") != FEISHU["secret"]:
                return 400, {
                    "code": 20002,
                    "error": "invalid_client",
                    "error_description": "client secret invalid",
                }
            found = self._use_code("feishu", body.get("code", ""))
            if found is None:
                return 400, {"code": 20003, "error": "invalid_grant", "error_description": "code not found"}
            if not found["in_app"]:
                verifier = body.get("code_verifier", "")
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                )
                if body.get("redirect_uri") != found["redirect_uri"] or challenge != found["challenge"]:
                    return 400, {
                        "code": 20003,
                        "error": "invalid_grant",
                        "error_description": "PKCE or redirect_uri",
                    }
            token = secrets.token_hex(16)
            self.user_tokens[token] = ("feishu", found["who"])
            return 200, {"code": 0, "access_token": token, "expires_in": 7200, "token_type": "Bearer"}
        if path == "/open-apis/authen/v1/user_info":
            found = self.user_tokens.get(headers.get("authorization", "").removeprefix("Bearer "))
            if found is None:
                return 401, {"code": 99991668, "msg": "Invalid access token"}
            person = [p for p in self.people if p["id"] == found[1]]
            tenant = "tenant-elsewhere" if found[1] in self.outsiders else TENANT
            shown = self._person("feishu", person[0]) if person else {"open_id": found[1], "name": "?"}
            return 200, {"code": 0, "data": {**shown, "tenant_key": tenant}}
        why = self._token_ok("feishu", headers.get("authorization", "").removeprefix("Bearer "))
        if why:
            return 400, {"code": 99991663 if why == "invalid" else 99991677, "msg": f"tenant token {why}"}
        self.calls.append(("feishu", path))
        if self.too_frequent["feishu"]:
            self.too_frequent["feishu"] -= 1
            return 429, RATE_LIMIT["feishu"]
        ok = {"code": 0, "msg": "success"}
        if path == "/open-apis/tenant/v2/tenant/query":
            return 200, {**ok, "data": {"tenant": {"name": self.company, "tenant_key": TENANT}}}
        size = int(query.get("page_size", 20))
        if size > 50:
            return 400, {"code": 99992402, "msg": "field validation failed: page_size"}
        if path == "/open-apis/contact/v3/departments/0/children":
            everything = [
                {"name": u[1], "open_department_id": self._unit_id("feishu", u[0]),
                 "parent_department_id": self._unit_id("feishu", u[2]), "status": {"is_deleted": False}}
                for u in self.units
            ]  # fmt: skip
            listed, following = self._page(everything, size, query.get("page_token"))
            return 200, {
                **ok,
                "data": {
                    "items": listed,
                    "has_more": following is not None,
                    "page_token": str(following or ""),
                },
            }
        if path == "/open-apis/contact/v3/users/find_by_department":
            members = self._members("feishu", query["department_id"])
            listed, following = self._page(members, size, query.get("page_token"))
            return 200, {
                **ok,
                "data": {
                    "items": listed,
                    "has_more": following is not None,
                    "page_token": str(following or ""),
                },
            }
        return 404, {"code": 404, "msg": "not found"}

    def js_api(self, service) -> str:
        """The service's JS API inside its workbench: the code for whoever uses the app."""
        code = self.issue_code(service, in_app=True)
        if service == "dingtalk":
            return ("window.dd={ready:function(f){f()},runtime:{permission:{requestAuthCode:function(o){"
                    f"if(o.corpId!=={json.dumps(DINGTALK['corp_id'])}){{o.onFail({{}});return}}"
                    + "o.onSuccess({code:" + json.dumps(code) + "})}}}};")  # fmt: skip
        return ("window.h5sdk={ready:function(f){f()}};window.tt={requestAccess:function(o){"
                f"if(o.appID!=={json.dumps(FEISHU['client_id'])}){{o.fail({{}});return}}"
                f"o.success({{code:{json.dumps(code)}}})}}}};")  # fmt: skip

    def _handler(self):
        services = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, method):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw) if raw else {}
                headers = {k.lower(): v for k, v in self.headers.items()}
                if parts.path.startswith("/jsapi/"):
                    script = services.js_api(parts.path.removeprefix("/jsapi/").removesuffix(".js")).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/javascript")
                    self.send_header("Content-Length", str(len(script)))
                    self.end_headers()
                    self.wfile.write(script)
                    return
                service = ("wecom" if parts.path.startswith(("/cgi-bin", "/wwlogin", "/connect"))
                           else "feishu" if parts.path.startswith("/open-apis") else "dingtalk")  # fmt: skip
                with services.lock:
                    status, answer, *extra = getattr(services, service)(
                        method, parts.path, query, body, headers
                    )
                data = json.dumps(answer).encode() if answer is not None else b""
                self.send_response(status)
                for name, value in (extra[0] if extra else {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                self._answer("GET")

            def do_POST(self):  # noqa: N802
                self._answer("POST")

        return Handler
