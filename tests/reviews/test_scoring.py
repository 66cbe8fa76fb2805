"""The scoring rules, checked on examples from the guide and on generated inputs."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfloop.reviews import scoring

positive = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)
caps = st.sampled_from([D(100), D(110), D(120), D(150)])


@given(
    actual=st.decimals(min_value=D(0), max_value=D("1000000"), places=2),
    target=positive,
    cap=caps,
    lower=st.booleans(),
)
def test_achievement_never_exceeds_the_cap(actual, target, cap, lower):
    assert D(0) <= scoring.kpi_achievement(actual, target, lower_is_better=lower, cap=cap) <= cap


@given(actual=positive, target=positive)
def test_lower_is_better_mirrors_higher_is_better(actual, target):
    # Beating a lower-is-better target by a factor k scores like reaching k × a higher-is-better one.
    no_cap = D(10) ** 12
    lower = scoring.kpi_achievement(actual, target, lower_is_better=True, cap=no_cap)
    higher = scoring.kpi_achievement(target, actual, lower_is_better=False, cap=no_cap)
    assert lower == higher


def test_sales_120_percent_is_capped_at_120():
    assert scoring.kpi_achievement(D(150), D(100), lower_is_better=False, cap=D(120)) == D(120)
    assert scoring.kpi_achievement(D(95), D(100), lower_is_better=False, cap=D(120)) == D(95)


def test_lower_is_better_response_time():
    # Target 2 hours, took 2.5: 80%. Took 1: twice as good, capped at 120.
    assert scoring.kpi_achievement(D("2.5"), D(2), lower_is_better=True, cap=D(120)) == D(80)
    assert scoring.kpi_achievement(D(1), D(2), lower_is_better=True, cap=D(120)) == D(120)
    assert scoring.kpi_achievement(D(0), D(2), lower_is_better=True, cap=D(120)) == D(120)


def test_non_positive_target_is_refused():
    with pytest.raises(ValueError):
        scoring.kpi_achievement(D(1), D(0), lower_is_better=False, cap=D(120))


weights = st.fixed_dictionaries({r: st.integers(0, 100) for r in scoring.DEFAULT_RELATION_WEIGHTS})
relation_means = st.dictionaries(
    st.sampled_from(list(scoring.DEFAULT_RELATION_WEIGHTS)),
    st.decimals(min_value=D(1), max_value=D(5), places=2),
    min_size=1,
)


@given(means=relation_means, weights=weights)
def test_competency_score_stays_between_20_and_100(means, weights):
    score = scoring.competency_score(means, weights)
    assert D(20) <= score <= D(100)


@given(means=relation_means)
def test_weights_are_renormalised_over_the_relations_present(means):
    # Scaling every weight leaves the score alone; relations absent do not dilute it.
    w = scoring.DEFAULT_RELATION_WEIGHTS
    doubled = {r: 2 * v for r, v in w.items()}
    assert scoring.competency_score(means, w) == scoring.competency_score(means, doubled)
    if len(set(means.values())) == 1:
        assert scoring.competency_score(means, w) == next(iter(means.values())) * 20


def test_manager_and_peer_only_renormalise_to_their_share():
    # Manager 4 (weight 50), peer 3 (weight 20): (4×50 + 3×20) / 70 × 20 = 74.2857…
    score = scoring.competency_score({"manager": D(4), "peer": D(3)}, scoring.DEFAULT_RELATION_WEIGHTS)
    assert scoring.round_half_up(score, "0.01") == D("74.29")


def test_nobody_rated_is_none():
    assert scoring.competency_score({}, scoring.DEFAULT_RELATION_WEIGHTS) is None


def test_score_82_is_good_band():
    assert scoring.band_for(D("82.0")) == "good"


def test_79_95_rounds_to_80_0_and_is_good():
    total, complete = scoring.composite([(D(100), D("79.95"))])
    assert (total, complete) == (D("80.0"), True)
    assert scoring.band_for(total) == "good"


def test_79_94_rounds_to_79_9_and_is_satisfactory():
    total, _complete = scoring.composite([(D(100), D("79.94"))])
    assert scoring.band_for(total) == "satisfactory"


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (D(95), "excellent"),
        (D(90), "excellent"),
        (D("89.9"), "good"),
        (D(70), "satisfactory"),
        (D(60), "needs_improvement"),
        (D("59.9"), "unsatisfactory"),
    ],
)
def test_default_bands(score, band):
    assert scoring.band_for(score) == band


def test_cycle_thresholds_replace_the_defaults():
    strict = {"excellent": 95, "good": 85, "satisfactory": 75, "needs_improvement": 65}
    assert scoring.band_for(D(90), strict) == "good"


def test_composite_is_the_weighted_sum():
    # 60% sales at 95, 40% competency at 74.29 → 57 + 29.716 = 86.716 → 86.7
    assert scoring.composite([(D(60), D(95)), (D(40), D("74.29"))]) == (D("86.7"), True)


def test_missing_score_makes_the_composite_incomplete_not_zero():
    total, complete = scoring.composite([(D(60), D(95)), (D(40), None)])
    assert total == D("57.0") and complete is False
    assert scoring.composite([(D(100), None)]) == (None, False)


@given(
    st.lists(
        st.tuples(st.integers(1, 100), st.decimals(min_value=D(0), max_value=D(120), places=2)),
        min_size=1,
        max_size=12,
    )
)
def test_composite_has_one_decimal_and_is_within_bounds(items):
    total, complete = scoring.composite([(D(w), s) for w, s in items])
    assert complete and total == total.quantize(D("0.1"))
    assert D(0) <= total <= sum(D(w) for w, _ in items) * D("1.2") + D("0.05")
