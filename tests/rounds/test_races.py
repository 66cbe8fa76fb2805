"""Racing writes on real connections (SQLite and PostgreSQL): one approval, one submission, the
reviewer's cap held, and a submission either counted by the closing round or refused."""

import pytest

from perfloop.reviews.models import Review360
from perfloop.rounds import services
from perfloop.rounds.models import Nomination, ReviewForm, ReviewRound
from tests.races import race, refused

pytestmark = pytest.mark.django_db(transaction=True)


def fresh(model, pk):
    return model.objects.select_related("round", "employee", "reviewer").get(pk=pk)


def test_two_approvals_of_one_nomination_make_one_form(round_, org, setup):
    nomination = services.nominate(
        round=round_, employee=org.employee, reviewer=setup.peers[0], by=org.user("employee")
    )
    manager = org.user("manager")
    first, second = fresh(Nomination, nomination.pk), fresh(Nomination, nomination.pk)
    outcomes = race(lambda: services.decide(nomination=first, approve=True, by=manager),
                    lambda: services.decide(nomination=second, approve=True, by=manager))  # fmt: skip
    assert sum(isinstance(o, Nomination) for o in outcomes) == 1
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
    assert (
        ReviewForm.objects.filter(round=round_, reviewer=setup.peers[0], employee=org.employee).count() == 1
    )


def test_approvals_racing_for_the_last_place_under_the_cap_let_one_through(round_, org, setup):
    busy = setup.peers[0]  # one review already (their lead, as a subordinate); the cap is 3
    services.nominate(round=round_, employee=setup.peers[1], reviewer=busy, by=org.user("manager"))
    proposed = services.nominate(round=round_, employee=org.employee, reviewer=busy, by=org.user("employee"))
    other = Nomination.objects.create(round=round_, employee=setup.peers[2], reviewer=busy)
    manager = org.user("manager")
    a, b = fresh(Nomination, proposed.pk), fresh(Nomination, other.pk)
    outcomes = race(lambda: services.decide(nomination=a, approve=True, by=manager),
                    lambda: services.decide(nomination=b, approve=True, by=manager))  # fmt: skip
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
    assert services.load(round_, busy.pk) == 3


def answers(setup):
    return {
        str(setup.communication.pk): {"rating": 4, "comment": ""},
        str(setup.teamwork.pk): {"rating": 3, "comment": ""},
    }


def test_two_submissions_of_one_form_submit_it_once(round_, org, setup):
    form = ReviewForm.objects.get(round=round_, employee=org.employee, relation="self")
    me = org.user("employee")
    first, second = fresh(ReviewForm, form.pk), fresh(ReviewForm, form.pk)
    outcomes = race(lambda: services.save(form=first, data={"answers": answers(setup)}, by=me, submit=True),
                    lambda: services.save(form=second, data={"answers": answers(setup)}, by=me, submit=True))  # fmt: skip
    assert sum(isinstance(o, ReviewForm) for o in outcomes) == 1
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes


def test_a_submission_racing_the_close_is_counted_or_refused(round_, org, setup, company_hr):
    form = ReviewForm.objects.get(round=round_, employee=org.employee, relation="self")
    me = org.user("employee")
    mine, closing = fresh(ReviewForm, form.pk), ReviewRound.objects.get(pk=round_.pk)
    outcomes = race(lambda: services.save(form=mine, data={"answers": answers(setup)}, by=me, submit=True),
                    lambda: services.close(round=closing, by=company_hr))  # fmt: skip
    submitted, closed = outcomes
    assert isinstance(closed, int), outcomes
    counted = Review360.objects.filter(reviewer=org.employee, employee=org.employee).count()
    if isinstance(submitted, ReviewForm):
        assert counted == 2
    else:
        assert refused(submitted, "conflict") and counted == 0, outcomes
