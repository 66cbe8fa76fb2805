"""URL-walk declarations of the plan stage: the target's draft plan, sent to them, and an active one."""

import datetime as dt

from django.utils import timezone

from perfloop.plans.models import Action, BulkRun, Goal, Milestone, Plan, PlanTemplate, Support
from perfloop.reviews.models import ReviewCycle
from tests.access.walk_roles import CYCLE_VIEWERS, HR, SIGNED_IN, TEAM_VIEWERS

HOLDERS = {"manager", "hr_in_scope"}  # the target's managers and HR in scope; never the admin
SEES_PLAN = {"employee", *HOLDERS}
START, END = dt.date(2026, 1, 5), dt.date(2026, 6, 30)

DECLARED = {
    "plans:index": ("get", CYCLE_VIEWERS),
    "plans:new": ("get", TEAM_VIEWERS),
    "plans:parse": ("post", TEAM_VIEWERS),
    "plans:bulk": ("get", HR),
    "plans:bulk_undo": ("post", {"hr_in_scope"}),  # one's own run only
    "plans:templates": ("get", HR),
    "plans:template_edit": ("get", HR),
    "plans:template_delete": ("post", HR),
    "plans:plan": ("get", SEES_PLAN),
    "plans:update": ("post", HOLDERS),
    "plans:goal_add": ("post", HOLDERS),
    "plans:goal_update": ("post", HOLDERS),
    "plans:goal_remove": ("post", HOLDERS),
    "plans:action_add": ("post", HOLDERS),
    "plans:action_status": ("post", SEES_PLAN),  # the employee ticks off their own action
    "plans:support_add": ("post", HOLDERS),
    "plans:support_status": ("post", HOLDERS),
    "plans:milestone_add": ("post", HOLDERS),
    "plans:item_remove": ("post", HOLDERS),
    "plans:submit": ("post", HOLDERS),
    "plans:withdraw": ("post", HOLDERS),  # the sent draft, without a reason: refused, kept
    "plans:comment": ("post", SEES_PLAN),
    "plans:acknowledge": ("post", {"employee"}),
    "plans:adjustments_acknowledge": ("post", {"employee"}),
    "plans:print": ("get", SEES_PLAN),
    "plans:document": ("get", SEES_PLAN),
    "plans:checkins": ("get", SEES_PLAN),
    "api:plans": ("get", SIGNED_IN),  # a list scoped to what each may see
    "api:plan_create": ("post", HOLDERS),
    "api:plan": ("get", SEES_PLAN),
    "api:plan_update": ("patch", HOLDERS),
    "api:plan_goals": ("post", HOLDERS),
    "api:plan_goal": ("patch", HOLDERS),
    "api:plan_actions": ("post", HOLDERS),
    "api:plan_action": ("patch", SEES_PLAN),
    "api:plan_support": ("post", HOLDERS),
    "api:plan_support_item": ("patch", HOLDERS),
    "api:plan_milestones": ("post", HOLDERS),
    "api:plan_submit": ("post", HOLDERS),
    "api:plan_acknowledge": ("post", {"employee"}),
    "api:plan_adjustments_acknowledge": ("post", {"employee"}),
    "api:plan_comment": ("post", SEES_PLAN),
    "api:plan_document": ("get", SEES_PLAN),
    "api:plan_checkins": ("get", SEES_PLAN),
    "api:goal_parse": ("post", SIGNED_IN),
    # Team plans: drafted and started by those whose rights reach the department whole.
    "plans:team_new": ("post", TEAM_VIEWERS),  # the walk's empty form: 400 to them, 403 to the rest
    "plans:start": ("post", HOLDERS),
    "api:team_plan_create": ("post", HOLDERS),  # nobody scored on the indicator: 400
    "api:plan_start": ("post", HOLDERS),
    # On the sent draft; withdrawing it without a reason is refused (400).
    "api:plan_goal_remove": ("delete", HOLDERS),
    "api:plan_item_remove": ("delete", HOLDERS),
    "api:plan_withdraw": ("post", HOLDERS),
    "api:plan_templates": ("get", HR),
    "api:plan_template_remove": ("delete", HR),
    "api:plans_bulk": ("post", HR),  # a dry run
    "api:plans_bulk_undo": ("post", {"hr_in_scope"}),  # one's own run only
    "api:plan_templates_add": ("post", HR),  # a name in use: 409 (each HR walk adds it once)
    "api:plan_template_change": ("put", HR),
}
ABOUT_TARGET = {name for name, (_m, roles) in DECLARED.items() if roles <= SEES_PLAN}
PAYLOAD = {
    "api:plan_create": lambda org: {
        "employee": org.employee.pk,
        "title": "改进计划",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
    },
    "api:plan_update": {"title": "新标题"},
    "api:plan_goals": {
        "description": "提升测试分数",
        "metric": "测试分数",
        "target": 85,
        "deadline": "2026-03-01",
    },
    "api:plan_goal": {"target": 90},
    "api:plan_actions": {"text": "参加培训"},
    "api:plan_action": {"status": "done"},
    "api:plan_support": {"kind": "time", "text": "每周半天学习时间", "owner_name": "王经理"},
    "api:plan_support_item": {"status": "done"},
    "api:plan_milestones": {"title": "完成前3章", "due": "2026-02-01"},
    "api:plan_submit": {},
    "api:plan_acknowledge": {},
    "api:plan_adjustments_acknowledge": {},
    "api:plan_comment": {"text": "同意"},
    "api:goal_parse": {"text": "两周内完成3份竞品分析"},
    "api:team_plan_create": lambda org: {
        "department": org.backend.pk,
        "cycle": ReviewCycle.objects.order_by("pk").first().pk,
        "indicator": "跨部门协作",
    },
    "api:plan_start": {},
    "api:plan_withdraw": {},
    "api:plans_bulk": lambda org: {
        "cycle": ReviewCycle.objects.order_by("pk").first().pk,
        "template": PlanTemplate.objects.get_or_create(
            name="批量起草", defaults={"created_by": org.user("manager")}
        )[0].pk,
        "bands": ["unsatisfactory"],
        "start_date": "2026-01-05",
        "dry_run": True,
    },
    "api:plans_bulk_undo": {},
    "api:plan_templates_add": {
        "name": "沟通提升模板",
        "weeks": 6,
        "goals": [{"description": "提升{indicator}"}],
    },
    "api:plan_template_change": {"name": "专项学习（修订）", "weeks": 4, "actions": ["每周复盘"]},
}


def arguments(org) -> dict:
    manager = org.user("manager")
    draft = Plan.objects.create(
        employee=org.employee, owner=manager, title="改进计划", start_date=START, end_date=END,
        submitted_at=timezone.now(), first_sent_at=timezone.now(),  # sent: the employee's to read
    )  # fmt: skip
    goal = Goal.objects.create(
        plan=draft, description="测试分数提升到85分", metric="测试分数", target=85, deadline=END
    )
    milestone = Milestone.objects.create(plan=draft, title="完成前3章", due=dt.date(2026, 2, 1))
    support = Support.objects.create(plan=draft, kind="time", text="学习时间", owner_name="王经理")
    active = Plan.objects.create(
        employee=org.employee, owner=manager, title="进行中", start_date=START, end_date=END, status="active"
    )
    action = Action.objects.create(plan=active, text="参加培训", owner=Action.Owner.EMPLOYEE)
    template = PlanTemplate.objects.create(name="专项学习", created_by=manager)
    cycle = ReviewCycle.objects.order_by("pk").first() or ReviewCycle.objects.create(
        name="2026年Q1", start_date=START, end_date=END, status="feedback"
    )
    team = Plan.objects.create(
        department=org.backend, owner=manager, title="跨部门协作", start_date=START, end_date=END
    )
    run = BulkRun.objects.create(cycle=cycle, template=template, by=org.user("hr_in_scope"))
    api_goal = Goal.objects.create(
        plan=draft, description="缺陷率降到2%", metric="缺陷率", target=2, deadline=END
    )
    api_milestone = Milestone.objects.create(plan=draft, title="完成后3章", due=dt.date(2026, 3, 1))
    kept_template = PlanTemplate.objects.create(name="时间管理", created_by=manager)
    api_template = PlanTemplate.objects.create(name="沟通提升", created_by=manager)
    api_run = BulkRun.objects.create(cycle=cycle, template=template, by=org.user("hr_in_scope"))
    on_draft, on_draft_api = {"pk": draft.pk}, {"plan_id": draft.pk}
    no_arguments = {"plans:index", "plans:new", "plans:parse", "plans:bulk", "plans:templates"}
    no_arguments |= {
        "api:plans",
        "api:plan_create",
        "api:goal_parse",
        "plans:team_new",
        "api:team_plan_create",
        "api:plan_templates",
        "api:plans_bulk",
        "api:plan_templates_add",
    }
    special = {
        "plans:template_edit": {"template_id": template.pk},
        "plans:bulk_undo": {"run_id": run.pk},
        "plans:template_delete": {"template_id": template.pk},
        "plans:goal_update": {"pk": draft.pk, "goal_id": goal.pk},
        "plans:goal_remove": {"pk": draft.pk, "goal_id": goal.pk},
        "plans:action_status": {"pk": active.pk, "action_id": action.pk},
        "plans:adjustments_acknowledge": {"pk": active.pk},
        "api:plan_adjustments_acknowledge": {"plan_id": active.pk},
        "plans:support_status": {"pk": draft.pk, "support_id": support.pk},
        "plans:item_remove": {"pk": draft.pk, "kind": "milestone", "item_id": milestone.pk},
        "api:plan_goal": {"plan_id": draft.pk, "goal_id": goal.pk},
        "api:plan_action": {"plan_id": active.pk, "action_id": action.pk},
        "api:plan_support_item": {"plan_id": draft.pk, "support_id": support.pk},
        "plans:start": {"pk": team.pk},
        "api:plan_start": {"plan_id": team.pk},
        "api:plan_goal_remove": {"plan_id": draft.pk, "goal_id": api_goal.pk},
        "api:plan_item_remove": {"plan_id": draft.pk, "kind": "milestone", "item_id": api_milestone.pk},
        "api:plan_template_remove": {"template_id": api_template.pk},
        "api:plans_bulk_undo": {"run_id": api_run.pk},
        "api:plan_template_change": {"template_id": kept_template.pk},
    }
    return {
        name: special.get(name, on_draft_api if name.startswith("api:") else on_draft)
        for name in DECLARED
        if name not in no_arguments
    }
