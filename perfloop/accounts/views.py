from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.accounts import invitations, lockout, managing
from perfloop.accounts.services import SESSION_LANGUAGE_KEY, SUPPORTED_LANGUAGES, remember_language
from perfloop.documents.writers import csv_bytes
from perfloop.org.selectors import search_q

# A sign-in method that refuses someone for a reason of its own (a directory account linked to
# nobody, a closed account) leaves the reason on the request under this name for the login form.
SIGNIN_REFUSAL = "signin_refusal"


def slowed_down(request) -> HttpResponse | None:
    """The page saying how long to wait, for an address with many failed sign-ins (perhaps a whole
    office: slowed down, never locked); None when it may try now. Every way of signing in asks."""
    wait = lockout.address_must_wait(request)
    return render(request, "accounts/slow_down.html", {"seconds": wait}, status=429) if wait else None


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from perfloop.accounts import signin_options

        context = super().get_context_data(**kwargs)
        return {**context, "other_ways": signin_options.shown(context.get("next", ""))}

    def form_invalid(self, form):
        reason = getattr(self.request, SIGNIN_REFUSAL, "")
        if reason:
            form.errors.pop("__all__", None)
            form.add_error(None, reason)
        return super().form_invalid(form)

    def post(self, request, *args, **kwargs):
        return slowed_down(request) or super().post(request, *args, **kwargs)


class ResetView(auth_views.PasswordResetView):
    """Forgot password: a link by e-mail (when mail is configured), built from PERFLOOP_BASE_URL."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "mail_on": settings.PERFLOOP_SENDS_MAIL}

    def form_valid(self, form):
        if not settings.PERFLOOP_SENDS_MAIL:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        self.extra_email_context = {"base_url": settings.PERFLOOP_BASE_URL}
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password through the e-mailed link; it also lifts a lock on the account, since only
    the account's owner reads that mailbox."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class LogoutView(auth_views.LogoutView):
    pass


@require_POST
def set_language(request):
    """Switch the language: kept in a cookie, the session, and the user's profile when signed in."""
    language = request.POST.get("language", "")
    if language not in SUPPORTED_LANGUAGES:
        return HttpResponseBadRequest(_("Unknown language."))
    next_url = request.POST.get("next") or "/"
    if not _safe(request, next_url):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    if request.user.is_authenticated:
        remember_language(user=request.user, language=language)
        request.session[SESSION_LANGUAGE_KEY] = language
    return response


@require(invitations.can_invite)
def invitation_list(request):
    """The accounts of the people in the user's scope, by state; invite those who cannot sign in."""
    if request.method == "POST":
        return _invite(request)
    state = request.GET.get("state", "")
    state = state if state in managing.STATES else ""
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    people = managing.people(request.user, state)
    if q:
        people = people.filter(search_q(q))
    people = people.select_related("department", "position", "user").order_by("employee_no")
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    invited = invitations.open_invitations([e.user_id for e in page if e.user_id])
    rows = [
        {"employee": e, "state": managing.state_of(e), "invitation": invited.get(e.user_id)} for e in page
    ]
    context = {
        "page": page, "rows": rows, "total": page.paginator.count, "state": state, "q": q,
        "states": managing.STATES.items(),
        "pending": invitations.without_access(invitations.invitable(request.user)).count() if state else None,
    }  # fmt: skip
    return render(request, "accounts/invitations.html", context)


def _invite(request):
    pending = invitations.without_access(invitations.invitable(request.user))
    chosen = (
        pending if request.POST.get("all") else pending.filter(pk__in=_ids(request.POST.getlist("employee")))
    )
    # Links point to PERFLOOP_BASE_URL, never to the host this request named.
    sent = invitations.invite(employees=chosen, by=request.user)
    if not sent:
        messages.error(request, _("Choose the people to invite."))
        return redirect("accounts:invitations")
    if request.POST.get("csv"):
        return _links_csv(sent)
    return render(request, "accounts/invitations_sent.html", {"sent": sent})


def _links_csv(sent) -> HttpResponse:
    """The new links as a CSV file (UTF-8 with a byte-order mark, so Excel opens it in Chinese;
    formula-like cells written as text)."""
    rows = [
        [s.employee.employee_no, s.employee.name, s.employee.user.username,
         _("Sent to %(address)s") % {"address": s.employee.email} if s.emailed else s.link]
        for s in sent
    ]  # fmt: skip
    header = [_("Employee number"), _("Name"), _("User name"), _("Invitation")]
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "perfloop-invitations.csv")
    return response


@require_POST
@require(invitations.can_invite)
def account_action(request, pk: int, action: str):
    """Disable or enable someone's account, or give them a link to set a new password."""
    if action not in ("reset", "disable", "enable"):
        raise Http404
    try:
        if action == "reset":
            employee, link, emailed = managing.reset_link(employee_id=pk, by=request.user)
            context = {"employee": employee, "link": link, "emailed": emailed}
            return render(request, "accounts/reset_link.html", context)
        changed = {"disable": managing.disable, "enable": managing.enable}[action](
            employee_id=pk, by=request.user
        )
    except PermissionDenied:
        raise Http404 from None  # nobody in the user's scope with such an account
    done = {
        "disable": _("%(name)s can no longer sign in."),
        "enable": _("%(name)s can sign in again."),
    }[action]
    messages.success(request, done % {"name": changed.name})
    return redirect(
        request.POST.get("next") if _safe(request, request.POST.get("next")) else "accounts:invitations"
    )


def _safe(request, url) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())


@require_POST
@require(invitations.can_invite)
def cancel_invitation(request, pk: int):
    """HR withdraws a link they (or someone) sent: it stops working at once."""
    if not invitations.cancel(invitation_id=pk, by=request.user):
        raise Http404  # no open invitation of someone in the user's scope
    messages.success(request, _("Invitation cancelled: the link no longer works."))
    return redirect("accounts:invitations")


def _ids(values) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) < 19]


def accept_invitation(request, token: str):
    """The invitation link: set a password, then sign in."""
    invitation = invitations.find(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invitations.accept(token=token, password=form.cleaned_data["new_password1"])
        if user is None:
            return render(request, "accounts/invitation_invalid.html", status=404)
        login(request, user, backend="perfloop.accounts.backends.ModelBackend")
        messages.success(request, _("Your password is set. Welcome to PerfLoop."))
        return redirect("home:index")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invited": invitation.user})
