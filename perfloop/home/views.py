from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from perfloop.access import policy
from perfloop.imports import rules as import_rules
from perfloop.org.models import Employee
from perfloop.reviews import rules as review_rules
from perfloop.reviews import selectors as review_selectors


@login_required
def index(request):
    """One page, one section per role the user holds."""
    user = request.user
    roles = policy.roles_for(user)
    context = {"me": roles.employee}
    if roles.employee:
        context["my_results"] = review_selectors.my_results(user)[:5]
    if roles.is_manager or roles.is_hr:
        context["cycles"] = review_rules.cycles_for(user)[:5]
    if roles.is_manager:
        team = policy.managed_employees(user).filter(status=Employee.Status.ACTIVE)
        context["team_size"] = team.count()
        context["direct_reports"] = (
            team.filter(manager=roles.employee)
            .select_related("position", "department")
            .order_by("employee_no")
        )
    if roles.is_hr:
        context["hr_departments"] = (
            policy.hr_departments(user)
            .filter(depth__lte=min(d.count("/") - 2 for d in roles.hr_paths) + 1)
            .order_by("path")
        )
        context["hr_headcount"] = policy.visible_employees(user).aggregate(
            active=Count("id", filter=Q(status=Employee.Status.ACTIVE)),
            left=Count("id", filter=Q(status=Employee.Status.LEFT)),
        )
    if roles.is_hr or roles.is_admin:
        context["recent_imports"] = (
            import_rules.visible_imports(user).select_related("uploaded_by").defer("content")[:5]
        )
    return render(request, "home/index.html", context)
