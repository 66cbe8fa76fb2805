from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.accounts import invitations, lockout
from perfloop.accounts.services import SESSION_LANGUAGE_KEY, SUPPORTED_LANGUAGES, remember_language


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # An address with many failures (perhaps a whole office) is slowed down, never locked.
        wait = lockout.address_must_wait(request)
        if wait:
            return render(request, "accounts/slow_down.html", {"seconds": wait}, status=429)
        return super().post(request, *args, **kwargs)


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
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
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
    """Who in the user's scope cannot sign in yet; invite some or all of them."""
    pending = invitations.without_access(invitations.invitable(request.user))
    if request.method == "POST":
        chosen = (
            pending
            if request.POST.get("all")
            else pending.filter(pk__in=_ids(request.POST.getlist("employee")))
        )
        # Links point to PERFLOOP_BASE_URL, never to the host this request named.
        sent = invitations.invite(employees=chosen, by=request.user)
        if not sent:
            messages.error(request, _("Choose the people to invite."))
            return redirect("accounts:invitations")
        return render(request, "accounts/invitations_sent.html", {"sent": sent})
    people = pending.select_related("department", "position").order_by("employee_no")
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    invited = invitations.open_invitations([e.user_id for e in page if e.user_id])
    rows = [{"employee": e, "invitation": invited.get(e.user_id)} for e in page]
    context = {"page": page, "rows": rows, "total": page.paginator.count}
    return render(request, "accounts/invitations.html", context)


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
