"""The organisation's sync over the API: queue a preview or a sync, read the runs."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, errors
from perfloop.directory import rules, services
from perfloop.directory.models import SyncRun

router = Router(tags=["directory"])


class SyncIn(Schema):
    source: Literal["ldap", "oidc", "dingtalk", "wecom", "feishu"]
    apply: bool = False  # false: a preview, which changes nothing


class SyncRunOut(Schema):
    id: int
    source: str
    apply: bool
    status: Literal["queued", "previewed", "applied", "failed"]
    started_at: dt.datetime
    seconds: float
    counts: dict[str, int]
    errors: list[tuple[int, str]]


@router.get(
    "/directory/syncs", response={200: list[SyncRunOut], **errors(401, 403, 422)}, url_name="directory_syncs"
)
@paginate(Pages, page_size=20)
def sync_list(request):
    """Every sync with the directory, newest first: counts and row errors."""
    if not rules.can_sync(request.user):
        raise answers.forbidden_error()  # a paged answer cannot be a Status
    return SyncRun.objects.all()


@router.post(
    "/directory/syncs",
    response={202: SyncRunOut, **errors(400, 401, 403, 409, 422)},
    url_name="directory_sync_queue",
)
def sync_queue(request, payload: SyncIn):
    """Queue a preview (`apply: false`) or a sync for the task worker; read the run to see it done."""
    try:
        run = services.queue(source=payload.source, apply=payload.apply, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    run.refresh_from_db()  # run already when the queue does not wait (tests, a worker in process)
    return Status(202, run)


@router.get(
    "/directory/syncs/{run_id}",
    response={200: SyncRunOut, **errors(401, 403, 404, 422)},
    url_name="directory_sync",
)
def sync_get(request, run_id: int = Path(..., ge=1, le=MAX_ID)):
    if not rules.can_sync(request.user):
        return answers.forbidden()
    run = SyncRun.objects.filter(pk=run_id).first()
    return run if run is not None else answers.not_found()


class SignInMethodOut(Schema):
    source: Literal["oidc", "dingtalk", "wecom", "feishu"]
    on: bool  # switched on and complete: offered on the login page
    switched_on: bool
    secret_set: bool  # the secret itself is never shown
    options: dict[str, str]
    redirect_address: str


class SignInMethodIn(Schema):
    on: bool | None = None
    options: dict[str, str] = {}  # only the names the method has; others are ignored
    secret: str = Field("", max_length=500)  # empty: keep the one kept


def _method_out(source: str, row, available: set) -> dict:
    from perfloop.directory import methods
    from perfloop.directory.signin_pages import redirect_address

    switched_on, options, secret = methods.settings_of(source, row)
    return {
        "source": source, "on": source in available, "switched_on": switched_on, "secret_set": bool(secret),
        "options": {n: options.get(n, "") for n in methods.FIELDS[source]}, "redirect_address": redirect_address(source),
    }  # fmt: skip


@router.get(
    "/signin-methods", response={200: list[SignInMethodOut], **errors(401, 403)}, url_name="signin_methods"
)
def signin_method_list(request):
    """The sign-in methods beside passwords and LDAP, administrators only; secrets never shown."""
    from perfloop.directory import methods
    from perfloop.directory.models import SignInMethod

    if not rules.can_manage_signin(request.user):
        return answers.forbidden()
    rows = {row.source: row for row in SignInMethod.objects.all()}
    available = {m.source for m in methods.available()}
    return [_method_out(source, rows.get(source), available) for source in methods.FIELDS]


@router.patch(
    "/signin-methods/{source}",
    response={200: SignInMethodOut, **errors(400, 401, 403, 404, 422)},
    url_name="signin_method_change",
)
def signin_method_change(
    request, source: Literal["oidc", "dingtalk", "wecom", "feishu"], payload: SignInMethodIn
):
    """Change a method's settings (the names given), its secret, or switch it on or off."""
    from perfloop.directory import methods
    from perfloop.directory.models import SignInMethod

    if not rules.can_manage_signin(request.user):
        return answers.forbidden()
    row = SignInMethod.objects.filter(source=source).first()
    switched_on, options, _secret = methods.settings_of(source, row)
    kept = {n: options.get(n, "") for n in methods.FIELDS[source]}
    try:
        saved = services.save_method(
            source=source, on=switched_on if payload.on is None else payload.on, secret=payload.secret,
            options={**kept, **{k: v for k, v in payload.options.items() if k in kept}}, by=request.user,
        )  # fmt: skip
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _method_out(source, saved, {m.source for m in methods.available()})
