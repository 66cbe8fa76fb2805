"""DingTalk 钉钉: QR-code sign-in (login.dingtalk.com OAuth 2 → the person's unionId → their
userid in the company), sign-in inside DingTalk's workbench 免登 (the JS API's auth code → userid),
and the organisation's departments and people (paged by cursor) for the sync."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from perfloop.directory import service_http
from perfloop.directory.models import Source
from perfloop.directory.signin import Claims, Refused
from perfloop.directory.sync import Person, Snapshot, Unit

ROOT = 1  # the company itself


class Client(service_http.ErrcodeClient):
    RATE_LIMITED = frozenset({90002, 90018, 90019})
    TOKEN_INVALID = frozenset({40014, 42001})

    def token_address(self):
        return f"{self.method['oapi_base']}/gettoken"

    def token_query(self):
        return {"appkey": self.method["client_id"], "appsecret": self.method.secret}

    def oapi(self, path: str, body: dict) -> dict:
        return self.with_token("POST", f"{self.method['oapi_base']}{path}", body=body).get("result") or {}


def authorize_url(method, *, state: str, redirect_uri: str, challenge: str) -> str:
    return f"{method['login_base']}/oauth2/auth?" + urlencode({
        "redirect_uri": redirect_uri, "response_type": "code", "client_id": method["client_id"],
        "scope": "openid corpid", "state": state, "prompt": "consent", "corpId": method["corp_id"],
    })  # fmt: skip


def _userid_of_person(method, code: str) -> str:
    """A QR sign-in's code → the person's token → their unionId → their userid in this company."""
    answer = service_http.request("POST", f"{method['api_base']}/v1.0/oauth2/userAccessToken", body={
        "clientId": method["client_id"], "clientSecret": method.secret, "code": code,
        "grantType": "authorization_code",
    })  # fmt: skip
    if "accessToken" not in answer:
        raise Refused(
            _("DingTalk did not accept the sign-in: %(reason)s") % {"reason": answer.get("message", "")}
        )
    me = service_http.request(
        "GET", f"{method['api_base']}/v1.0/contact/users/me",
        headers={"x-acs-dingtalk-access-token": answer["accessToken"]},
    )  # fmt: skip
    if not me.get("unionId"):
        raise Refused(_("DingTalk did not say who signed in."))
    try:
        found = Client(method).oapi("/topapi/user/getbyunionid", {"unionid": me["unionId"]})
    except service_http.Refused:
        found = {}
    return found.get("userid", "")


def claims_for_code(method, code: str, *, redirect_uri: str, verifier: str, in_app: bool) -> Claims:
    if in_app:  # the workbench's auth code names the person in this company directly
        try:
            userid = Client(method).oapi("/topapi/v2/user/getuserinfo", {"code": code}).get("userid", "")
        except service_http.Refused as refused:
            raise Refused(
                _("DingTalk did not accept the sign-in: %(reason)s") % {"reason": refused.message}
            ) from None
    else:
        userid = _userid_of_person(method, code)
    if not userid:  # someone from outside the company
        raise Refused(_("Your DingTalk account is not a member of this company's DingTalk."))
    person = Client(method).oapi("/topapi/v2/user/get", {"userid": userid})
    return Claims(
        source=Source.DINGTALK, external_id=userid, employee_no=person.get("job_number", ""),
        email=person.get("org_email") or person.get("email", ""), mobile=person.get("mobile", ""),
    )  # fmt: skip


def snapshot(method) -> Snapshot:
    client = Client(method)
    root = client.oapi("/topapi/v2/department/get", {"dept_id": ROOT})
    units = [Unit(str(ROOT), root.get("name", ""), None)]
    pending = [ROOT]
    while pending:  # the tree, a level at a time
        parent = pending.pop()
        for found in client.oapi("/topapi/v2/department/listsub", {"dept_id": parent}) or []:
            units.append(Unit(str(found["dept_id"]), found["name"], str(parent)))
            pending.append(found["dept_id"])
    people: dict[str, Person] = {}
    for unit in units:
        cursor = 0
        while True:
            page = client.oapi(
                "/topapi/v2/user/list", {"dept_id": int(unit.external_id), "cursor": cursor, "size": 100}
            )
            for entry in page.get("list", []):
                if entry["userid"] in people or not entry.get("active", True):
                    continue  # listed under each of their departments: the first one is theirs
                people[entry["userid"]] = Person(
                    external_id=entry["userid"], name=entry["name"],
                    unit_id=str((entry.get("dept_id_list") or [unit.external_id])[0]),
                    employee_no=entry.get("job_number", ""), position=entry.get("title", ""),
                    manager_id=entry.get("manager_userid", ""), email=entry.get("org_email") or entry.get("email", ""),
                    mobile=entry.get("mobile", ""),
                )  # fmt: skip
            if not page.get("has_more"):
                break
            cursor = page["next_cursor"]
    return Snapshot(units=units, people=list(people.values()))
