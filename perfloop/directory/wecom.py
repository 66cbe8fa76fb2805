"""WeCom 企业微信: QR-code sign-in (the web login of the company's own app) and sign-in inside
WeCom 免登 (its OAuth page, no password asked), both giving a code that the app's token turns into
the person's userid; and the organisation's departments and people for the sync. WeCom gives new
apps neither e-mail nor mobile (since 2022), so a first sign-in is matched by the userid, which
companies usually make the employee number."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from perfloop.directory import service_http
from perfloop.directory.models import Source
from perfloop.directory.signin import Claims, Refused
from perfloop.directory.sync import Person, Snapshot, Unit

GONE = {2, 5}  # a member's status: 1 active, 2 disabled, 4 not yet activated, 5 left


class Client(service_http.ErrcodeClient):
    RATE_LIMITED = frozenset({45009, 45033, -1})  # too frequent; too many at once; busy
    TOKEN_INVALID = frozenset({40014, 42001})

    def token_address(self):
        return f"{self.method['api_base']}/cgi-bin/gettoken"

    def token_query(self):
        return {"corpid": self.method["corp_id"], "corpsecret": self.method.secret}

    def get(self, path: str, **params) -> dict:
        return self.with_token("GET", f"{self.method['api_base']}{path}", params=params)


def authorize_url(method, *, state: str, redirect_uri: str, challenge: str) -> str:
    return f"{method['login_base']}/wwlogin/sso/login?" + urlencode({
        "login_type": "CorpApp", "appid": method["corp_id"], "agentid": method["agent_id"],
        "redirect_uri": redirect_uri, "state": state,
    })  # fmt: skip


def in_app_url(method, *, state: str, redirect_uri: str) -> str:
    """Inside WeCom: its OAuth page answers at once with a code (snsapi_base asks nothing)."""
    query = urlencode({
        "appid": method["corp_id"], "redirect_uri": redirect_uri, "response_type": "code",
        "scope": "snsapi_base", "state": state, "agentid": method["agent_id"],
    })  # fmt: skip
    return f"{method['oauth_base']}/connect/oauth2/authorize?{query}#wechat_redirect"


def claims_for_code(method, code: str, *, redirect_uri: str, verifier: str, in_app: bool) -> Claims:
    try:
        found = Client(method).get("/cgi-bin/auth/getuserinfo", code=code)
    except service_http.Refused as refused:
        raise Refused(
            _("WeCom did not accept the sign-in: %(reason)s") % {"reason": refused.message}
        ) from None
    if not found.get("userid"):  # an openid only: someone from outside the company
        raise Refused(_("Your WeCom account is not a member of this company's WeCom."))
    return Claims(source=Source.WECOM, external_id=found["userid"], employee_no=found["userid"])


def snapshot(method) -> Snapshot:
    client = Client(method)
    departments = client.get("/cgi-bin/department/list").get("department", [])
    known = {str(d["id"]) for d in departments}
    units = [
        Unit(str(d["id"]), d.get("name") or _("Department %(id)s") % {"id": d["id"]},
             str(d["parentid"]) if str(d.get("parentid", 0)) in known and d["parentid"] != d["id"] else None)
        for d in departments
    ]  # fmt: skip
    people: dict[str, Person] = {}
    for unit in units:
        for entry in client.get("/cgi-bin/user/list", department_id=unit.external_id).get("userlist", []):
            if entry["userid"] in people or entry.get("status") in GONE:
                continue
            leaders = entry.get("direct_leader") or []
            people[entry["userid"]] = Person(
                external_id=entry["userid"], name=entry["name"],
                unit_id=str(entry.get("main_department") or (entry.get("department") or [unit.external_id])[0]),
                employee_no=entry["userid"], position=entry.get("position", ""),
                manager_id=leaders[0] if leaders else "", email=entry.get("biz_mail") or entry.get("email", ""),
                mobile=entry.get("mobile", ""),
            )  # fmt: skip
    return Snapshot(units=units, people=list(people.values()))
