"""Settings → Sign-in methods (administrators): each method on or off, its ids, its secret entered
and never shown back, and the addresses to register with the provider."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.access.decorators import require
from perfloop.directory import methods, rules, services
from perfloop.directory.models import SignInMethod, Source
from perfloop.directory.signin_pages import redirect_address


def _addresses(source: str) -> list[tuple[str, str]]:
    """What an administrator registers with the provider: where it sends people back, and for the
    chat services the app's home inside their workbench."""
    found = [(_("Redirect address"), redirect_address(source))]
    if source != Source.OIDC:
        home = settings.PERFLOOP_BASE_URL + reverse("directory:signin_in_app", args=[source])
        found.append((_("App home in the workbench (sign-in without a password)"), home))
    return found


@require(rules.can_manage_signin)
def index(request):
    rows = {row.source: row for row in SignInMethod.objects.all()}
    available = {m.source for m in methods.available()}
    shown = []
    for source in methods.FIELDS:
        on, options, secret = methods.settings_of(source, rows.get(source))
        shown.append({
            "source": source, "label": Source(source).label, "on": source in available, "switched_on": on,
            "secret_set": bool(secret), "options": [(methods.FIELDS[source][n], options.get(n, "")) for n in methods.FIELDS[source]],
            "addresses": _addresses(source),
        })  # fmt: skip
    return render(request, "directory/methods.html", {
        "methods": shown, "ldap": settings.PERFLOOP_LDAP_URL,
    })  # fmt: skip


class MethodForm(forms.Form):
    on = forms.BooleanField(label=gettext_lazy("On"), required=False)
    secret = forms.CharField(
        label=gettext_lazy("Secret"), required=False, max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Never shown back. Leave empty to keep the one kept."),
    )  # fmt: skip

    def __init__(self, source, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in methods.FIELDS[source].items():
            self.fields[name] = forms.CharField(label=label, required=False, max_length=500)


@require(rules.can_manage_signin)
def edit(request, source: str):
    if source not in methods.FIELDS:
        raise Http404
    row = SignInMethod.objects.filter(source=source).first()
    on, options, secret = methods.settings_of(source, row)
    initial = {"on": on, **{n: options.get(n, "") for n in methods.FIELDS[source]}}
    form = MethodForm(source, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_method(
                source=source, on=data["on"], secret=data["secret"], by=request.user,
                options={n: data[n] for n in methods.FIELDS[source]},
            )  # fmt: skip
        except ValidationError as refused:
            form.add_error(None, refused)  # each message beside its field
        else:
            return redirect("directory:methods")
    return render(request, "directory/method.html", {
        "form": form, "label": Source(source).label, "secret_set": bool(secret), "addresses": _addresses(source),
    }, status=400 if form.errors else 200)  # fmt: skip
