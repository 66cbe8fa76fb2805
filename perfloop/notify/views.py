import urllib.parse

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.access.policy import hr_departments
from perfloop.home.service_calls import form_errors, run
from perfloop.notify import audience, chat, event_rules, inbox, log, preferences, registry, robots, words
from perfloop.notify.forms import RobotForm, rules_from
from perfloop.notify.models import Channel, Delivery, Notification
from perfloop.org.models import Employee
from perfloop.org.selectors import search_q


@login_required
def inbox_page(request):
    """The user's notifications, newest first, 20 a page, each in the reader's language."""
    unread_only = request.GET.get("unread") == "1"
    notes = inbox.of(request.user)
    if unread_only:
        notes = notes.filter(read_at__isnull=True)
    page = Paginator(notes.only("pk", "event", "params", "url", "created_at", "read_at"), 20).get_page(
        request.GET.get("page")
    )
    rows = [{"note": n, "text": words.text(n.event, n.params)} for n in page]
    return render(request, "notify/inbox.html", {"page": page, "rows": rows, "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark it read and go where it points (one's own only; others' ids lead back to the inbox)."""
    note = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if note is None:
        return redirect("notify:inbox")
    inbox.mark_read(request.user, [note.pk])
    return redirect(note.url or "notify:inbox")


@login_required
@require_POST
def read_all(request):
    inbox.mark_read(request.user)
    return redirect("notify:inbox")


@require(log.can_read)
def deliveries(request):
    """Deliveries to people in the user's scope (all for administrators), failures first by default."""
    status = request.GET.get("status", "failed")
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    found = log.visible(request.user)
    if status in Delivery.Status.values:
        found = found.filter(status=status)
    if q:  # by the recipient: name, pinyin, number, or the login of an account without a person
        people = Employee.objects.filter(search_q(q, position=False)).values("user_id")
        found = found.filter(
            Q(notification__recipient_id__in=people) | Q(notification__recipient__username__icontains=q)
        )
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    rows = [{"delivery": d, "text": log.what(d)[1]} for d in page]
    context = {"page": page, "rows": rows, "status": status, "statuses": Delivery.Status.choices, "q": q}
    return render(request, "notify/deliveries.html", context)


@require_POST
@require(log.can_read)
def resend(request, pk: int):
    delivery = get_object_or_404(log.visible(request.user), pk=pk)
    run(request, lambda: log.resend(delivery=delivery, by=request.user), _("Queued to be sent again."))
    return redirect("notify:deliveries")


@require(chat.can_manage)
def robots_page(request):
    """The group robots the user configures, with their service, scope and masked secret."""
    departments = hr_departments(request.user).order_by("path")
    form = RobotForm(request.POST or None, departments=departments)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if run(request, lambda: chat.add(by=request.user, **form.cleaned_data), _("Robot added.")):
                return redirect("notify:robots")
        else:
            messages.error(request, form_errors(form))
        status = 400  # refused: the form comes back with what was typed
    robots = list(chat.visible(request.user))
    return render(request, "notify/robots.html", {"robots": robots, "form": form}, status=status)


@require_POST
@require(chat.can_manage)
def robot_test(request, pk: int):
    robot = get_object_or_404(chat.visible(request.user), pk=pk)
    answer = chat.test(robot=robot, by=request.user)
    (messages.success if answer.ok else messages.error)(request, _answer_words(robot, answer))
    return redirect("notify:robots")


def _answer_words(robot, answer) -> str:
    """The service's answer, or why there was none, in the reader's words."""
    service = robot.get_kind_display()
    if answer.status == 0:
        host = urllib.parse.urlsplit(robot.webhook).hostname or ""
        reasons = {
            "no_host": _("no host is known by the name %(host)s"),
            "refused": _("%(host)s refused the connection"),
            "timeout": _("%(host)s did not answer within %(seconds)s seconds"),
            "certificate": _("the certificate of %(host)s was not accepted"),
            "bad_address": _("the address cannot be used"),
            "not_allowed": _("this host is not allowed for robots"),
        }
        reason = reasons.get(answer.failure, _("%(host)s cannot be reached"))
        return _("%(service)s did not answer: %(reason)s.") % {
            "service": service, "reason": reason % {"host": host, "seconds": robots.TIMEOUT},
        }  # fmt: skip
    if answer.code is None:
        return _("%(service)s answered HTTP %(status)s without a code of its own.") % {
            "service": service, "status": answer.status,
        }  # fmt: skip
    return _("%(service)s answered: HTTP %(status)s, code %(code)s, %(message)s") % {
        "service": service, "status": answer.status, "code": answer.code, "message": answer.message,
    }  # fmt: skip


@require_POST
@require(chat.can_manage)
def robot_remove(request, pk: int):
    robot = get_object_or_404(chat.visible(request.user), pk=pk)
    chat.remove(robot=robot, by=request.user)
    messages.success(request, _("Robot removed."))
    return redirect("notify:robots")


@login_required
def settings_page(request):
    """The user's channels: which are on for the organisation, and which the user has muted."""
    if request.method == "POST":
        muted = set(request.POST.getlist("muted")) & set(Channel.values)
        preferences.set_muted(user=request.user, channels=muted)
        messages.success(request, _("Saved."))
        return redirect("notify:settings")
    context = {
        "channels": preferences.channels_for(request.user),
        "rules": event_rules.can_read(request.user),
    }
    return render(request, "notify/settings.html", context)


@require(event_rules.can_read)
def rules_page(request):
    """The organisation's rules: for each event, who hears it and on which channels besides the
    inbox; the days before a plan ends that it is announced. Changed rules are marked."""
    status, shown, to_groups = 200, None, []
    if request.method == "POST":
        wanted = rules_from(request.POST)
        confirmed = request.POST.get("confirm_groups") == "yes"
        if run(request, lambda: event_rules.set_rules(by=request.user, wanted=wanted, confirm_groups=confirmed),
               _("Saved.")):  # fmt: skip
            return redirect("notify:rules")
        status, shown, to_groups = 400, wanted, event_rules.newly_to_groups(wanted)
    rows = [{**row, "label": words.label(row["event"])} for row in event_rules.rows(shown)]
    context = {
        "rows": rows, "who": list(audience.WHO_LABELS.items()),
        "channels": [(c, c.label) for c in registry.CHANNELS], "most": audience.MAX_DAYS,
        "may_change": event_rules.can_change(request.user), "to_groups": to_groups,
    }  # fmt: skip
    return render(request, "notify/rules.html", context, status=status)
