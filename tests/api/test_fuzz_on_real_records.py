"""The API fuzzed on records that exist: the same generated requests as tests/api/test_fuzz.py,
with every id in the path (and the person a new plan is for) replaced by a real record's, so that
the calls reach past "404 Not Found" into what a script's sequence of calls reaches — a plan with
a cadence, a held conversation, a result — as HR in scope. An answer that fails its own schema
only for such a record (two schemas of one name did that to plan answers) is found here."""

import datetime as dt

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings

from perfloop.api.api import api
from perfloop.api.models import ApiToken
from perfloop.feedback import services as feedback
from perfloop.plans.models import Action, Goal, Milestone, Plan, Support
from tests.api.test_fuzz import tokens  # noqa: F401  (the set-up the stateless fuzz shares)
from tests.careers.factories import DossierFactory, StepFactory
from tests.reviews.walk import cycle_with_result
from tests.rounds.factories import ReviewFormFactory, ReviewRoundFactory
from tests.training.factories import EnrolmentFactory, SessionFactory

# Well-formed requests only: what the API does with malformed ones is the stateless fuzz's to check
# (on real records, lenient parsing such as a 0 taken for false would count as a finding).
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "generation": {"mode": "positive"},
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2XX", "400", "403", "404", "409", "413"]}
        },
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = WSGIHandler()


@pytest.fixture
def real(org, tokens):  # noqa: F811
    """Ids of real records of the target (刘洋), keyed as the API's path parameters name them."""
    cycle, result = cycle_with_result(org)
    record = feedback.start(cycle=cycle, employee=org.employee, by=org.user("manager"))
    feedback.schedule(record=record, by=org.user("manager"), starts_at=dt.datetime(2023, 10, 10, 2, tzinfo=dt.UTC),
                      minutes=45, place="会议室A")  # fmt: skip
    feedback.save_texts(record=record, by=org.user("manager"), strengths="沟通清晰")
    feedback.mark_held(record=record, by=org.user("manager"), held_on=dt.date(2023, 10, 10))
    plan = Plan.objects.create(
        employee=org.employee, owner=org.user("manager"), cycle=cycle, result=result, title="改进计划",
        start_date=dt.date(2023, 10, 16), end_date=dt.date(2023, 12, 15), brief_every="week", formal_every="month",
        status="active", first_sent_at=dt.datetime(2023, 10, 16, tzinfo=dt.UTC),
    )  # fmt: skip
    goal = Goal.objects.create(plan=plan, description="测试分数提升到85分", metric="测试分数", target=85,
                               deadline=plan.end_date)  # fmt: skip
    ids = {
        "employee_id": org.employee.pk, "cycle_id": cycle.pk, "result_id": result.pk, "record_id": record.pk,
        "plan_id": plan.pk, "goal_id": goal.pk,
        "action_id": Action.objects.create(plan=plan, text="参加培训").pk,
        "support_id": Support.objects.create(plan=plan, kind="time", text="学习时间", owner_name="王经理").pk,
        "milestone_id": Milestone.objects.create(plan=plan, title="完成前3章", due=dt.date(2023, 11, 1)).pk,
    }  # fmt: skip
    # A round on the cycle, and the skip-level manager's review of 刘洋 in it, half written.
    round_ = ReviewRoundFactory(cycle=cycle)
    form = ReviewFormFactory(round=round_, employee=org.employee, reviewer=org.manager, relation="manager",
                             template=result.template, overall="按时交付")  # fmt: skip
    ids.update(round_id=round_.pk, form_id=form.pk)
    # A training session with 刘洋 enrolled.
    enrolment = EnrolmentFactory(session=SessionFactory(topic="沟通能力"), employee=org.employee)
    ids.update(session_id=enrolment.session_id, enrolment_id=enrolment.pk)
    # An open promotion dossier for 刘洋, and a step of the development path.
    dossier = DossierFactory(employee=org.employee, opened_by=org.user("hr_in_scope"))
    ids.update(dossier_id=dossier.pk, step_id=StepFactory().pk)
    return ids, ApiToken.issue(org.user("hr_in_scope"))


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=4, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_api_on_real_records_conforms_to_its_schema(case, real):
    ids, token = real
    if case.path_parameters:
        case.path_parameters = {k: ids.get(k, v) for k, v in case.path_parameters.items()}
    if isinstance(case.body, dict) and "employee" in case.body:
        case.body["employee"] = ids["employee_id"]
    if isinstance(case.body, dict) and all(
        isinstance(case.body.get(k), str) for k in ("start_date", "end_date")
    ):
        case.body["start_date"], case.body["end_date"] = sorted(
            [case.body["start_date"], case.body["end_date"]]
        )
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
