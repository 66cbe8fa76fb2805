"""Feishu / Lark 飞书: QR-code sign-in (OAuth 2 with PKCE on accounts.feishu.cn; the code →
the person's token → who they are), sign-in inside Feishu's workbench 免登 (the JS API's code,
exchanged the same way), and the organisation's departments and people (paged by page token)
for the sync. People are known by their open_id in this app."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from perfloop.directory import service_http
from perfloop.directory.models import Source
from perfloop.directory.signin import Claims, Refused
from perfloop.directory.sync import Person, Snapshot, Unit

ROOT = "0"  # the company itself
IDS = {"department_id_type": "open_department_id", "user_id_type": "open_id"}


class Client(service_http.Client):
    RATE_LIMITED = frozenset({99991400})
    TOKEN_INVALID = frozenset({99991661, 99991663, 99991664, 99991668, 99991677})

    def fetch_token(self):
        answer = service_http.request(
            "POST", f"{self.method['api_base']}/open-apis/auth/v3/tenant_access_token/internal",
            body={"app_id": self.method["client_id"], "app_secret": self.method.secret},
        )  # fmt: skip
        if answer.get("code") != 0:
            raise service_http.Refused(answer.get("code"), answer.get("msg", ""))
        return answer["tenant_access_token"], int(answer.get("expire", 7200))

    def error_of(self, answer):
        code = answer.get("code", 0)
        return None if code == 0 else (code, answer.get("msg", ""))

    def get(self, path: str, **params) -> dict:
        answer = self.call(
            "GET", f"{self.method['api_base']}{path}", params=params,
            authorize=lambda token: ({}, {"Authorization": f"Bearer {token}"}),
        )  # fmt: skip
        return answer.get("data") or {}

    def pages(self, path: str, **params):
        """Every item of a listing, page by page."""
        token = ""
        while True:
            data = self.get(path, page_size=50, **params, **({"page_token": token} if token else {}))
            yield from data.get("items") or []
            if not data.get("has_more"):
                return
            token = data["page_token"]


def authorize_url(method, *, state: str, redirect_uri: str, challenge: str) -> str:
    return f"{method['login_base']}/open-apis/authen/v1/authorize?" + urlencode({
        "client_id": method["client_id"], "response_type": "code", "redirect_uri": redirect_uri,
        "state": state, "code_challenge": challenge, "code_challenge_method": "S256",
    })  # fmt: skip


def claims_for_code(method, code: str, *, redirect_uri: str, verifier: str, in_app: bool) -> Claims:
    exchange = {
        "grant_type": "authorization_code", "client_id": method["client_id"], "client_secret": method.secret,
        "code": code,
    }  # fmt: skip
    if not in_app:  # the workbench's code was asked for without a redirect or a challenge
        exchange.update(redirect_uri=redirect_uri, code_verifier=verifier)
    answer = service_http.request(
        "POST", f"{method['api_base']}/open-apis/authen/v2/oauth/token", body=exchange
    )
    if answer.get("code") != 0 or not answer.get("access_token"):
        reason = answer.get("error_description") or answer.get("msg") or answer.get("error", "")
        raise Refused(_("Feishu did not accept the sign-in: %(reason)s") % {"reason": reason})
    me = service_http.request(
        "GET", f"{method['api_base']}/open-apis/authen/v1/user_info",
        headers={"Authorization": f"Bearer {answer['access_token']}"},
    )  # fmt: skip
    data = me.get("data") or {}
    if me.get("code") != 0 or not data.get("open_id"):
        raise Refused(_("Feishu did not say who signed in."))
    ours = Client(method).get("/open-apis/tenant/v2/tenant/query").get("tenant", {}).get("tenant_key")
    if data.get("tenant_key") != ours:  # only the company's own people, whatever their e-mail
        raise Refused(_("Your Feishu account belongs to another company."))
    return Claims(
        source=Source.FEISHU, external_id=data["open_id"], employee_no=data.get("employee_no", ""),
        email=data.get("enterprise_email") or data.get("email", ""), mobile=data.get("mobile", ""),
    )  # fmt: skip


def snapshot(method) -> Snapshot:
    client = Client(method)
    company = client.get("/open-apis/tenant/v2/tenant/query").get("tenant", {})
    units = [Unit(ROOT, company.get("name", ""), None)]
    for found in client.pages(
        f"/open-apis/contact/v3/departments/{ROOT}/children", fetch_child="true", **IDS
    ):
        if (found.get("status") or {}).get("is_deleted"):
            continue
        parent = found.get("parent_department_id") or ROOT
        units.append(Unit(found["open_department_id"], found["name"], parent))
    people: dict[str, Person] = {}
    for unit in units:
        path = "/open-apis/contact/v3/users/find_by_department"
        for entry in client.pages(path, department_id=unit.external_id, **IDS):
            status = entry.get("status") or {}
            if entry["open_id"] in people or status.get("is_resigned") or status.get("is_frozen"):
                continue
            people[entry["open_id"]] = Person(
                external_id=entry["open_id"], name=entry["name"],
                unit_id=(entry.get("department_ids") or [unit.external_id])[0],
                employee_no=entry.get("employee_no", ""), position=entry.get("job_title", ""),
                manager_id=entry.get("leader_user_id", ""),
                email=entry.get("enterprise_email") or entry.get("email", ""), mobile=entry.get("mobile", ""),
            )  # fmt: skip
    return Snapshot(units=units, people=list(people.values()))
