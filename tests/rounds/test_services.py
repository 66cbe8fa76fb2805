"""Online reviews from opening a round to its ratings counting in scoring."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from perfloop.reviews.models import EvidenceRecord, Result, Review360
from perfloop.reviews.services import score_cycle
from perfloop.rounds import services
from perfloop.rounds.models import Nomination, ReviewForm, ReviewRound
from tests.reviews.factories import Review360Factory

pytestmark = pytest.mark.django_db


def forms_of(round, **where):
    return set(
        ReviewForm.objects.filter(round=round, **where).values_list(
            "employee__name", "reviewer__name", "relation"
        )
    )


def test_opening_a_round_writes_the_forms_the_line_gives(round_, org, setup):
    mine = forms_of(round_, employee=org.employee)
    assert mine == {("刘洋", "刘洋", "self"), ("刘洋", "李组长", "manager")}
    # The lead is reviewed by each of their reports, and reviews each of them as their manager.
    about_lead = forms_of(round_, employee=org.lead, relation="subordinate")
    assert {r for _e, r, _rel in about_lead} == {"刘洋", "赵一", "钱二", "孙三"}


def test_a_second_round_over_the_same_people_is_a_conflict(round_, company_hr, setup, org):
    with pytest.raises(ValidationError) as caught:
        services.open_round(
            by=company_hr, cycle=setup.cycle, department=org.rd, relations=["self"],
            opens_on=timezone.localdate(), deadline=timezone.localdate(),
        )  # fmt: skip
    assert caught.value.code == "conflict"


def test_hr_out_of_scope_and_managers_cannot_open_a_round(setup, org):
    for role in ("hr_out_of_scope", "manager"):
        with pytest.raises(PermissionDenied):
            services.open_round(
                by=org.user(role), cycle=setup.cycle, department=org.rd, relations=["self"],
                opens_on=timezone.localdate(), deadline=timezone.localdate(),
            )  # fmt: skip


def test_nobody_reviews_themself_as_a_peer_nor_their_manager_nor_their_report(round_, org, setup):
    me = org.user("employee")
    for reviewer in (org.employee, org.lead):
        with pytest.raises(ValidationError):
            services.nominate(round=round_, employee=org.employee, reviewer=reviewer, by=me)
    with pytest.raises(ValidationError):  # the lead's report rates them as a subordinate
        services.nominate(round=round_, employee=org.lead, reviewer=org.employee, by=org.user("manager"))


def test_proposed_peer_becomes_a_form_once_the_manager_approves(round_, org, setup):
    peer = setup.peers[0]
    nomination = services.nominate(
        round=round_, employee=org.employee, reviewer=peer, by=org.user("employee")
    )
    assert nomination.status == Nomination.Status.PROPOSED
    assert not ReviewForm.objects.filter(round=round_, reviewer=peer, employee=org.employee).exists()
    services.decide(nomination=nomination, approve=True, by=org.user("manager"))
    assert ReviewForm.objects.get(round=round_, reviewer=peer, employee=org.employee).relation == "peer"


def test_the_employee_proposes_no_more_than_the_most_peers(round_, org, setup):
    extra = setup.peers + [org.manager]
    for peer in extra[:3]:
        services.nominate(round=round_, employee=org.employee, reviewer=peer, by=org.user("employee"))
    with pytest.raises(ValidationError):
        services.nominate(round=round_, employee=org.employee, reviewer=extra[3], by=org.user("employee"))


def test_a_reviewer_at_the_cap_is_refused_to_the_manager_and_allowed_to_hr(round_, org, setup, company_hr):
    busy = setup.peers[0]  # already reviews the lead (subordinate): 1 of 3
    for person in setup.peers[1:]:
        services.nominate(round=round_, employee=person, reviewer=busy, by=org.user("manager"))
    nomination = services.nominate(
        round=round_, employee=org.employee, reviewer=busy, by=org.user("employee")
    )
    with pytest.raises(ValidationError) as caught:
        services.decide(nomination=nomination, approve=True, by=org.user("manager"))
    assert caught.value.code == "conflict"
    services.decide(nomination=nomination, approve=True, by=company_hr)
    assert services.load(round_, busy.pk) == 4


def test_someone_out_of_reach_cannot_decide(round_, org, setup):
    nomination = services.nominate(
        round=round_, employee=org.employee, reviewer=setup.peers[0], by=org.user("employee")
    )
    with pytest.raises(PermissionDenied):
        services.decide(nomination=nomination, approve=True, by=org.user("other_manager"))


def self_form(round_, org):
    return ReviewForm.objects.get(round=round_, employee=org.employee, relation="self")


def answers(setup, communication=4, teamwork=3):
    return {
        str(setup.communication.pk): {
            "rating": communication,
            "comment": "上周按时同步了进展，客户满意度95分",
        },
        str(setup.teamwork.pk): {"rating": teamwork, "comment": ""},
    }


def test_a_draft_keeps_what_was_typed_and_submitting_needs_every_rating(round_, org, setup):
    form = self_form(round_, org)
    half = {str(setup.communication.pk): {"rating": 4, "comment": "按时交付"}}
    services.save(form=form, data={"answers": half, "overall": "还行"}, by=org.user("employee"))
    form.refresh_from_db()
    assert (form.status, form.answered, form.overall) == ("draft", 1, "还行")
    with pytest.raises(ValidationError) as caught:
        services.save(form=form, data={"answers": half}, by=org.user("employee"), submit=True)
    assert f"rating_{setup.teamwork.pk}" in caught.value.message_dict
    form.refresh_from_db()
    assert form.status == "draft"


def test_a_form_is_submitted_once_and_only_by_its_reviewer(round_, org, setup):
    form = self_form(round_, org)
    with pytest.raises(PermissionDenied):
        services.save(form=form, data={"answers": answers(setup)}, by=org.user("manager"))
    services.save(form=form, data={"answers": answers(setup)}, by=org.user("employee"), submit=True)
    with pytest.raises(ValidationError) as caught:
        services.save(form=form, data={"answers": answers(setup)}, by=org.user("employee"), submit=True)
    assert caught.value.code == "conflict"


def test_a_rating_out_of_range_is_refused_with_its_field(round_, org, setup):
    form = self_form(round_, org)
    with pytest.raises(ValidationError) as caught:
        services.save(form=form, data={"answers": answers(setup, communication=9)}, by=org.user("employee"))
    assert f"rating_{setup.communication.pk}" in caught.value.message_dict


def test_hr_in_scope_reopens_with_a_reason(round_, org, setup, company_hr):
    form = self_form(round_, org)
    services.save(form=form, data={"answers": answers(setup)}, by=org.user("employee"), submit=True)
    with pytest.raises(PermissionDenied):
        services.reopen(form=form, reason="补充", by=org.user("hr_out_of_scope"))
    with pytest.raises(ValidationError):
        services.reopen(form=form, reason=" ", by=company_hr)
    services.reopen(form=form, reason="请补充事例", by=company_hr)
    form.refresh_from_db()
    assert (form.status, form.reopened_reason) == ("draft", "请补充事例")


def test_closing_counts_submitted_ratings_as_online_and_the_later_wins(round_, org, setup, company_hr):
    peer = setup.peers[0]
    # Imported before the round: the same reviewer and indicator is replaced, another stays.
    Review360Factory(cycle=setup.cycle, employee=org.employee, reviewer=peer, relation="peer",
                     indicator=setup.communication, rating=2, comment="导入")  # fmt: skip
    Review360Factory(cycle=setup.cycle, employee=org.employee, reviewer=setup.peers[1], relation="peer",
                     indicator=setup.communication, rating=3)  # fmt: skip
    services.nominate(round=round_, employee=org.employee, reviewer=peer, by=org.user("manager"))
    peer_form = ReviewForm.objects.get(round=round_, reviewer=peer, employee=org.employee)
    ReviewForm.objects.filter(pk=peer_form.pk).update(
        status="submitted", answers=answers(setup, 5, 4), answered=2
    )
    own = self_form(round_, org)
    achievements = [{"what": "Q3项目提前3天交付", "impact": "客户满意度95分", "date": "2026-11-02"}]
    services.save(
        form=own,
        data={"answers": answers(setup), "achievements": achievements},
        by=org.user("employee"),
        submit=True,
    )
    services.close(round=round_, by=company_hr)
    rows = {(r.reviewer_id, r.indicator_id): r for r in Review360.objects.filter(employee=org.employee)}
    replaced = rows[(peer.pk, setup.communication.pk)]
    assert (replaced.rating, replaced.source) == (5, "online")
    assert rows[(setup.peers[1].pk, setup.communication.pk)].source == "import"
    assert rows[(org.employee.pk, setup.teamwork.pk)].relation == "self"
    # The manager's form was never submitted: missing, not a zero.
    assert not Review360.objects.filter(reviewer=org.lead, employee=org.employee).exists()
    evidence = EvidenceRecord.objects.get(employee=org.employee)
    assert (evidence.self_reported, evidence.what) == (True, "Q3项目提前3天交付")
    round_.refresh_from_db()
    assert round_.status == "closed"
    with pytest.raises(ValidationError):
        services.save(form=own, data={"answers": answers(setup)}, by=org.user("employee"))


def test_scoring_after_the_deadline_closes_the_round_first(round_, org, setup):
    own = self_form(round_, org)
    services.save(form=own, data={"answers": answers(setup, 5, 5)}, by=org.user("employee"), submit=True)
    ReviewRound.objects.filter(pk=round_.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1),
                                                   opens_on=timezone.localdate() - dt.timedelta(days=9))  # fmt: skip
    score_cycle(cycle=setup.cycle)
    round_.refresh_from_db()
    assert round_.status == "closed"
    result = Result.objects.get(cycle=setup.cycle, employee=org.employee)
    communication = next(i for i in result.breakdown if i["name"] == "沟通")
    assert communication["by_relation"] == {"self": {"mean": "5.00", "count": 1}}


def test_the_explanation_says_where_the_ratings_came_from(setup, org, client_for):
    from tests.reviews.factories import ResultFactory

    Review360Factory(cycle=setup.cycle, employee=org.employee, reviewer=setup.peers[0], relation="peer",
                     indicator=setup.communication, rating=4, source="online")  # fmt: skip
    Review360Factory(cycle=setup.cycle, employee=org.employee, reviewer=setup.peers[1], relation="peer",
                     indicator=setup.communication, rating=3)  # fmt: skip
    setup.cycle.status = "feedback"
    setup.cycle.save()
    result = ResultFactory(cycle=setup.cycle, employee=org.employee, template=setup.template)
    page = client_for("employee").get(f"/reviews/results/{result.pk}/").content.decode()
    sources = page.split('data-testid="rating-sources">')[1].split("</span>")[0]
    assert sources == "360度评分：在线收集1条，导入1条。"


def test_a_persons_export_holds_what_they_wrote_and_only_counts_about_them(round_, org, setup):
    from perfloop.rounds import personal_data

    own = self_form(round_, org)
    services.save(
        form=own, data={"answers": answers(setup), "difficulties": "排期冲突"}, by=org.user("employee")
    )
    written = personal_data.forms_written(org.employee, True)
    assert any(row["difficulties"] == "排期冲突" for row in written)
    about = personal_data.forms_about(org.employee, True)
    assert about and all(set(row) == {"cycle", "relation", "status", "forms"} for row in about)


def test_erasure_keeps_ratings_and_blanks_what_was_written(round_, org, setup):
    from perfloop.org.events import people_erased

    own = self_form(round_, org)
    services.save(form=own, data={"answers": answers(setup), "overall": "总体还行"}, by=org.user("employee"))
    people_erased.send(sender="org", employee_ids=[org.employee.pk], user_ids=[org.user("employee").pk])
    own.refresh_from_db()
    assert own.overall == "" and own.answered == 2
    assert all(a["comment"] == "" and a["rating"] for a in own.answers.values())
