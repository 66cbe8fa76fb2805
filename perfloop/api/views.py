from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from perfloop.api import tokens
from perfloop.home.forms import BootstrapMixin
from perfloop.home.service_calls import form_errors


class TokenForm(BootstrapMixin, forms.Form):
    label = forms.CharField(label=gettext_lazy("What it is for"), max_length=100, required=False)
    days = forms.IntegerField(label=gettext_lazy("Days it works"), min_value=1, max_value=tokens.MOST_DAYS)


@login_required
def tokens_page(request):
    """The user's own API tokens: a new one is shown once; each can be revoked."""
    form = TokenForm(request.POST or None, initial={"days": settings.PERFLOOP_TOKEN_DAYS})
    made, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            made = tokens.issue(
                user=request.user, label=form.cleaned_data["label"], days=form.cleaned_data["days"]
            )
            form = TokenForm(initial={"days": settings.PERFLOOP_TOKEN_DAYS})
        else:
            messages.error(request, form_errors(form))
            status = 400
    context = {"form": form, "made": made, "tokens": tokens.of(request.user)}
    return render(request, "api/tokens.html", context, status=status)


@require_POST
@login_required
def revoke(request, pk: int):
    if not tokens.revoke(user=request.user, token_id=pk):
        raise Http404  # not a token of the user's
    messages.success(request, _("Token revoked: scripts using it are refused from now on."))
    return redirect("tokens:list")
