"""Reviewers' privacy in a confidential round: who wrote what is known to HR in scope only; the
person and their manager read each relation's comments without names, dates or order, and only for
relations with enough raters; a reviewer reads their own forms only."""

import pytest

from perfloop.access.models import PrivateRead
from perfloop.rounds.apps import FORM_READ
from tests.reviews.factories import ResultFactory, Review360Factory
from tests.rounds.factories import ReviewFormFactory, ReviewRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer_form(setup, org):
    round = ReviewRoundFactory(cycle=setup.cycle)
    return ReviewFormFactory(
        round=round, employee=org.employee, reviewer=setup.peers[0], relation="peer", template=setup.template,
        status="submitted", answers={str(setup.communication.pk): {"rating": 2, "comment": "评审意见甲"}},
    )  # fmt: skip


def test_the_person_reviewed_and_their_manager_never_open_a_peers_form(peer_form, client_for):
    for role in ("employee", "manager", "other_employee", "hr_out_of_scope"):
        assert client_for(role).get(peer_form.get_absolute_url()).status_code in (403, 404), role


def test_hr_in_scope_reads_it_with_the_reviewers_name_and_the_read_is_logged(peer_form, client_for, org):
    page = client_for("hr_in_scope").get(peer_form.get_absolute_url()).content.decode()
    assert "赵一" in page and "评审意见甲" in page
    read = PrivateRead.objects.get(what=FORM_READ)
    assert (read.reader, read.employee) == (org.user("hr_in_scope"), org.employee)


def rated(setup, org, raters, comment="按时同步进展，客户很满意"):
    for n, peer in enumerate(setup.peers[:raters]):
        Review360Factory(cycle=setup.cycle, employee=org.employee, reviewer=peer, relation="peer",
                         indicator=setup.communication, rating=3 + n % 2, comment=f"{comment}{n}")  # fmt: skip
    setup.cycle.status = "feedback"
    setup.cycle.save()
    mean = "3.33" if raters == 3 else "3.50"
    return ResultFactory(
        cycle=setup.cycle, employee=org.employee, template=setup.template,
        breakdown=[{
            "indicator_id": setup.communication.pk, "name": "沟通", "kind": "competency", "unit": "", "weight": "25",
            "requirement": None, "score": "66.67", "contribution": "16.67",
            "by_relation": {"peer": {"mean": mean, "count": raters}},
        }],
    )  # fmt: skip


@pytest.mark.parametrize("role", ["employee", "manager"])
def test_two_peers_are_hidden_three_are_shown_without_names(setup, org, client_for, role):
    result = rated(setup, org, 2)
    page = client_for(role).get(f"/reviews/results/{result.pk}/").content.decode()
    assert "按时同步进展" not in page and "relations-hidden" in page
    for peer in setup.peers:
        assert peer.name not in page and peer.employee_no not in page


@pytest.mark.parametrize("role", ["employee", "manager"])
def test_three_peers_are_shown_without_names_or_dates(setup, org, client_for, role):
    result = rated(setup, org, 3)
    page = client_for(role).get(f"/reviews/results/{result.pk}/").content.decode()
    assert all(f"按时同步进展，客户很满意{n}" in page for n in range(3))
    for peer in setup.peers:
        assert peer.name not in page and peer.employee_no not in page and f'"{peer.pk}"' not in page


def test_the_order_of_comments_follows_neither_the_reviewers_nor_the_time(setup, org, client_for):
    orders = set()
    for run in range(4):  # the same comments about four people: the order is not fixed by who wrote
        result = rated(setup, org, 3, comment=f"第{run}轮")
        page = client_for("employee").get(f"/reviews/results/{result.pk}/").content.decode()
        orders.add(tuple(sorted(range(3), key=lambda n, page=page, run=run: page.index(f"第{run}轮{n}"))))
        result.delete()
        setup.cycle.reviews.all().delete()
    assert len(orders) > 1


def test_an_attributed_round_names_its_reviewers_beside_their_comments(setup, org, client_for):
    result = rated(setup, org, 2)  # two peers: their comments hidden in a confidential round
    round = ReviewRoundFactory(cycle=setup.cycle, privacy="attributed")
    for peer in setup.peers[:2]:
        ReviewFormFactory(round=round, employee=org.employee, reviewer=peer, relation="peer", template=setup.template,
                          status="submitted")  # fmt: skip
    setup.cycle.reviews.update(source="online")
    page = client_for("employee").get(f"/reviews/results/{result.pk}/").content.decode()
    comments = page.split('data-testid="review-comments"')[1].split("</section>")[0]
    assert "按时同步进展，客户很满意0" in comments and "赵一" in comments and "钱二" in comments
    assert "孙三" not in page


def test_a_draft_is_its_writers_own_until_submitted(setup, org, client_for):
    own = ReviewFormFactory(round=ReviewRoundFactory(cycle=setup.cycle), employee=org.employee, reviewer=org.employee,
                            relation="self", template=setup.template, status="draft", difficulties="还没想好")  # fmt: skip
    for role in ("manager", "hr_in_scope"):
        assert client_for(role).get(own.get_absolute_url()).status_code == 404, role
    assert "还没想好" in client_for("employee").get(own.get_absolute_url()).content.decode()
    own.status = "submitted"
    own.save()
    for role in ("manager", "hr_in_scope"):
        assert "还没想好" in client_for(role).get(own.get_absolute_url()).content.decode(), role
