from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from perfloop.access.decorators import require
from perfloop.documents.downloads import download
from perfloop.documents.writers import xlsx_bytes
from perfloop.org.models import Department
from perfloop.training import needs, rules


def _names(lines) -> dict[int, str]:
    return dict(Department.objects.filter(pk__in={n.department_id for n in lines}).values_list("pk", "name"))


@require(rules.can_read_needs)
def index(request):
    """The needs of the people the viewer's rights reach, busiest first, 50 lines a page."""
    lines = needs.kept(request.user)
    page = Paginator(lines, 50).get_page(request.GET.get("page"))
    names = _names(page.object_list)
    rows = [(line, names.get(line.department_id, "")) for line in page.object_list]
    return render(
        request,
        "training/needs.html",
        {
            "page": page,
            "rows": rows,
            "total": needs.total(lines),
            "can_run": rules.can_run_sessions(request.user),
        },
    )


@require(rules.can_read_needs)
def people(request):
    try:
        department = int(request.GET.get("department", ""))
    except ValueError:
        department = 0
    topic = request.GET.get("topic", "")[:100]
    found = Paginator(needs.people_of(request.user, topic, department), 50).get_page(request.GET.get("page"))
    name = Department.objects.filter(pk=department).values_list("name", flat=True).first() or ""
    return render(request, "training/people.html", {"page": found, "topic": topic, "department": name})


@require(rules.can_read_needs)
def export(request):
    lines = needs.kept(request.user)
    names = _names(lines)
    header = [_("Indicator or competency"), _("Department"), _("Lacking skills (people)"), _("Asked for training (people)"),
              _("Development goals (people)"), _("Budget committed"), _("Budget spent"), _("Budget open")]  # fmt: skip
    rows = [
        [n.topic or _("No indicator named"), names.get(n.department_id, ""), n.skills_gaps, n.requests,
         n.development_goals, n.committed, n.spent, n.open]
        for n in lines
    ]  # fmt: skip
    return download(xlsx_bytes(header, rows, _("Training needs")), "xlsx", "perfloop-training-needs.xlsx")
