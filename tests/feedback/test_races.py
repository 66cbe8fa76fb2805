"""A record never changes behind an acknowledgement: every write reads the record again under a
row lock (real concurrent connections, on SQLite and on PostgreSQL)."""

from functools import partial

import pytest

from perfloop.feedback import services
from perfloop.feedback.models import Amendment, Appeal, FeedbackRecord
from tests.feedback.conftest import held
from tests.races import race, refused

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 3


def _fresh(record):
    return FeedbackRecord.objects.get(pk=record.pk)


def test_an_autosave_arriving_after_the_acknowledgement_is_refused(record, org):
    held(record, org, strengths="沟通清晰")
    page, employees_page = _fresh(record), _fresh(record)  # both opened while the record was held
    acknowledged, saved = race(
        lambda: services.acknowledge(record=employees_page, by=org.user("employee")),
        lambda: services.save_texts(record=page, by=org.user("manager"), strengths="改过的文字"),
        in_turn=True,
    )
    assert acknowledged is None and refused(saved, "locked")
    assert (_fresh(record).status, _fresh(record).strengths) == ("acknowledged", "沟通清晰")


def test_acknowledge_and_dispute_at_once_one_wins(record, org):
    held(record, org, strengths="沟通清晰")
    for _round in range(ROUNDS):
        one, other = _fresh(record), _fresh(record)
        outcomes = race(
            partial(services.acknowledge, record=one, by=org.user("employee")),
            partial(services.dispute, record=other, by=org.user("employee"), reason="评价不符合事实"),
        )
        assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
        status = _fresh(record).status
        assert status in ("acknowledged", "disputed")
        assert Appeal.objects.filter(record=record).count() == (status == "disputed")
        # Back to held for the next round (a resolved appeal, or an amendment).
        FeedbackRecord.objects.filter(pk=record.pk).update(
            status="held", acknowledged_at=None, answered_at=None
        )
        Appeal.objects.all().delete()


def test_simultaneous_amendments_keep_their_chain(record, org):
    held(record, org, strengths="沟通清晰")
    services.acknowledge(record=_fresh(record), by=org.user("employee"))
    for n in range(ROUNDS):
        one, other = _fresh(record), _fresh(record)
        race(
            partial(
                services.amend,
                record=one,
                by=org.user("manager"),
                field="strengths",
                text=f"第{n}轮甲",
                reason="补充事实",
            ),  # fmt: skip
            partial(
                services.amend,
                record=other,
                by=org.user("manager"),
                field="strengths",
                text=f"第{n}轮乙",
                reason="补充事实",
            ),  # fmt: skip
        )
    chain = list(Amendment.objects.filter(record=record).order_by("pk"))
    assert len(chain) == 2 * ROUNDS
    assert all(later.old_text == earlier.new_text for earlier, later in zip(chain, chain[1:], strict=False))
    assert _fresh(record).strengths == chain[-1].new_text
