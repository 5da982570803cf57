"""The scoring rule of PRODUCT.md ("Scoring"), on plain data, with exact numbers."""

from pathways.scoring import (
    NOT_APPLICABLE,
    NOT_YET,
    PARTLY,
    YES,
    LevelSpec,
    ModelSpec,
    TrackScore,
    overall_stage,
    score_area,
    score_track,
)

LEVELS = (LevelSpec("rookie"), LevelSpec("advanced", ("at-home", "abroad")), LevelSpec("expert"))
SPEC = ModelSpec(threshold_percent=80, levels=LEVELS)

ROOKIE = ("rookie", None)
AT_HOME = ("advanced", "at-home")
ABROAD = ("advanced", "abroad")
EXPERT = ("expert", None)

# Five statements per track, as a small model of the REXVET areas.
TOTALS = {ROOKIE: 5, AT_HOME: 5, ABROAD: 5, EXPERT: 5}

ALL_YES = [YES] * 5
AT_THRESHOLD = [YES, YES, YES, YES, NOT_YET]  # 8 of 10 = 80 %
ONE_UNDER = [YES, YES, YES, PARTLY, NOT_YET]  # 7 of 10 = 70 %
ALL_NOT_YET = [NOT_YET] * 5


def area(spec=SPEC, preferred=None, totals=TOTALS, **tracks):
    answers = {
        ROOKIE: tracks.get("rookie", ALL_NOT_YET),
        AT_HOME: tracks.get("at_home", ALL_NOT_YET),
        ABROAD: tracks.get("abroad", ALL_NOT_YET),
        EXPERT: tracks.get("expert", ALL_NOT_YET),
    }
    return score_area(spec, answers, totals, preferred)


def track(result, key):
    return next(t for t in result.tracks if (t.level, t.direction) == key)


# --- One track ---------------------------------------------------------------------


def test_it_reaches_a_level_exactly_at_the_threshold():
    t = score_track("rookie", None, AT_THRESHOLD, 5, 80)
    assert (t.score, t.maximum, t.applicable) == (8, 10, 5)
    assert t.assessed is True
    assert t.reached is True


def test_it_does_not_reach_a_level_one_point_under_the_threshold():
    t = score_track("rookie", None, ONE_UNDER, 5, 80)
    assert (t.score, t.maximum) == (7, 10)
    assert t.reached is False


def test_it_leaves_not_applicable_out_of_score_and_maximum():
    # 4 yes + 1 N/A: 8 of 8, not 8 of 10.
    t = score_track("rookie", None, [YES, YES, YES, YES, NOT_APPLICABLE], 5, 80)
    assert (t.score, t.maximum, t.applicable, t.total) == (8, 8, 4, 5)
    assert t.share_percent == 100.0
    assert t.reached is True


def test_it_does_not_assess_a_level_with_fewer_than_half_applicable():
    # 2 of 5 applicable, both yes: 100 % of 4, but not assessed, so not reached.
    t = score_track("rookie", None, [YES, YES, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE], 5, 80)
    assert (t.score, t.maximum, t.applicable) == (4, 4, 2)
    assert t.assessed is False
    assert t.reached is False


def test_it_assesses_a_level_with_exactly_half_applicable():
    t = score_track("rookie", None, [YES, YES, NOT_APPLICABLE, NOT_APPLICABLE], 4, 80)
    assert (t.applicable, t.total) == (2, 4)
    assert t.assessed is True
    assert t.reached is True


def test_it_compares_another_threshold_in_integers():
    # 3 yes + 1 not yet = 6 of 8 = 75 %: reached at 75, not at 80; 5 of 8 not at 75.
    six_of_eight = [YES, YES, YES, NOT_YET]
    assert score_track("rookie", None, six_of_eight, 4, 75).reached is True
    assert score_track("rookie", None, six_of_eight, 4, 80).reached is False
    assert score_track("rookie", None, [YES, YES, PARTLY, NOT_YET], 4, 75).reached is False


def test_it_scores_partly_as_one_point():
    t = score_track("rookie", None, [PARTLY] * 5, 5, 80)
    assert (t.score, t.maximum) == (5, 10)
    assert t.share_percent == 50.0


def test_track_as_dict_has_score_max_share_and_applicable():
    t = TrackScore(level="advanced", direction="abroad", score=7, applicable=4, total=5, threshold_percent=80)
    assert t.as_dict() == {
        "level": "advanced",
        "direction": "abroad",
        "score": 7,
        "max": 8,
        "applicable": 4,
        "total": 5,
        "share": 87.5,
        "assessed": True,
        "reached": True,
    }


def test_track_as_dict_of_a_track_without_applicable_statements():
    t = score_track("expert", None, [NOT_APPLICABLE] * 3, 3, 80)
    assert t.as_dict() == {
        "level": "expert",
        "direction": None,
        "score": 0,
        "max": 0,
        "applicable": 0,
        "total": 3,
        "share": None,
        "assessed": False,
        "reached": False,
    }


# --- One area ----------------------------------------------------------------------


def test_an_area_at_rookie_threshold_is_rookie():
    result = area(rookie=AT_THRESHOLD)
    assert result.ordinal == 1
    assert result.next_level == "advanced"


def test_an_area_one_point_under_rookie_is_starting():
    result = area(rookie=ONE_UNDER)
    assert result.ordinal == 0
    assert result.assessed is True
    assert result.next_level == "rookie"
    assert result.next_direction is None
    assert result.broaden_directions == ()


def test_a_level_not_assessed_counts_as_not_reached():
    # Advanced at home all yes but only 2 of 5 applicable; abroad not yet: Rookie only.
    result = area(rookie=ALL_YES, at_home=[YES, YES, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE])
    assert track(result, AT_HOME).assessed is False
    assert result.ordinal == 1
    assert result.reached_directions == ()


def test_an_area_whose_rookie_is_not_assessed_is_not_assessed():
    result = area(
        rookie=[YES, YES, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE], at_home=ALL_YES, expert=ALL_YES
    )
    assert result.ordinal is None
    assert result.assessed is False
    assert result.reached_directions == ()
    assert result.next_level is None
    assert result.next_direction is None
    assert len(result.tracks) == 4  # the scores are still kept


def test_a_higher_level_met_does_not_count_without_the_lower_one():
    result = area(rookie=ONE_UNDER, at_home=ALL_YES, abroad=ALL_YES, expert=ALL_YES)
    assert track(result, EXPERT).reached is True
    assert result.ordinal == 0
    assert result.reached_directions == ()
    assert result.next_level == "rookie"
    assert result.next_direction is None


def test_expert_needs_advanced_reached():
    result = area(rookie=ALL_YES, at_home=ONE_UNDER, abroad=ONE_UNDER, expert=ALL_YES)
    assert result.ordinal == 1
    assert result.next_level == "advanced"


def test_advanced_in_one_direction_records_that_direction():
    result = area(rookie=ALL_YES, at_home=AT_THRESHOLD, abroad=ONE_UNDER)
    assert result.ordinal == 2
    assert result.reached_directions == ("at-home",)
    assert result.next_level == "expert"
    assert result.next_direction is None
    assert result.broaden_directions == ("abroad",)


def test_advanced_abroad_only_records_abroad():
    result = area(rookie=ALL_YES, at_home=ONE_UNDER, abroad=ALL_YES)
    assert result.ordinal == 2
    assert result.reached_directions == ("abroad",)
    assert result.broaden_directions == ("at-home",)


def test_advanced_in_both_directions_records_both_in_model_order():
    result = area(rookie=ALL_YES, at_home=AT_THRESHOLD, abroad=ALL_YES)
    assert result.ordinal == 2
    assert result.reached_directions == ("at-home", "abroad")
    assert result.next_level == "expert"
    assert result.broaden_directions == ()


def test_next_direction_is_the_preferred_choice_even_with_a_lower_share():
    # Abroad 7 of 10 beats at home 0 of 10, but the person chose at home.
    result = area(rookie=ALL_YES, at_home=ALL_NOT_YET, abroad=ONE_UNDER, preferred="at-home")
    assert result.next_level == "advanced"
    assert result.next_direction == "at-home"
    assert result.broaden_directions == ("abroad",)


def test_next_direction_without_a_choice_is_the_higher_share():
    result = area(rookie=ALL_YES, at_home=[PARTLY] * 5, abroad=ONE_UNDER)  # 5 of 10 vs 7 of 10
    assert result.next_direction == "abroad"
    assert result.broaden_directions == ("at-home",)


def test_next_direction_compares_shares_not_scores():
    # Abroad 3 of 4 (2 N/A) = 75 % beats at home 7 of 10 = 70 %, though 3 < 7.
    totals = {ROOKIE: 5, AT_HOME: 5, ABROAD: 4, EXPERT: 5}
    result = area(
        rookie=ALL_YES, at_home=ONE_UNDER, abroad=[YES, PARTLY, NOT_APPLICABLE, NOT_APPLICABLE], totals=totals
    )
    assert (track(result, ABROAD).score, track(result, ABROAD).maximum) == (3, 4)
    assert result.ordinal == 1
    assert result.next_direction == "abroad"


def test_next_direction_on_a_tie_is_the_first_in_the_model():
    result = area(rookie=ALL_YES, at_home=[PARTLY] * 5, abroad=[PARTLY] * 5)
    assert result.next_direction == "at-home"
    assert result.broaden_directions == ("abroad",)


def test_next_direction_on_a_tie_at_zero_is_the_first_in_the_model():
    result = area(rookie=ALL_YES)
    assert result.next_direction == "at-home"


def test_an_unknown_preferred_direction_is_ignored():
    result = area(rookie=ALL_YES, at_home=[PARTLY] * 5, abroad=ONE_UNDER, preferred="mars")
    assert result.next_direction == "abroad"


def test_expert_reached_has_no_next_level():
    result = area(rookie=ALL_YES, at_home=ALL_YES, abroad=ONE_UNDER, expert=AT_THRESHOLD)
    assert result.ordinal == 3
    assert result.reached_directions == ("at-home",)
    assert result.next_level is None
    assert result.next_direction is None
    assert result.broaden_directions == ("abroad",)


def test_expert_in_both_directions_has_nothing_to_broaden():
    result = area(rookie=ALL_YES, at_home=ALL_YES, abroad=ALL_YES, expert=ALL_YES)
    assert result.ordinal == 3
    assert result.reached_directions == ("at-home", "abroad")
    assert result.next_level is None
    assert result.broaden_directions == ()


def test_an_area_uses_the_threshold_of_its_model():
    spec75 = ModelSpec(threshold_percent=75, levels=LEVELS)
    rookie = [YES, YES, YES, PARTLY, PARTLY, NOT_YET]  # 8 of 12 = 66.7 %
    totals = {ROOKIE: 6, AT_HOME: 5, ABROAD: 5, EXPERT: 5}
    assert area(spec=spec75, rookie=rookie, totals=totals).ordinal == 0
    rookie = [YES, YES, YES, YES, PARTLY, NOT_YET]  # 9 of 12 = 75 %
    assert area(spec=spec75, rookie=rookie, totals=totals).ordinal == 1
    assert area(spec=SPEC, rookie=rookie, totals=totals).ordinal == 0


# --- Overall stage -----------------------------------------------------------------


def test_overall_stage_is_the_lower_median_of_an_even_number_of_areas():
    assert overall_stage([1, 2, 2, 3]) == 2
    assert overall_stage([0, 1, 2, 3]) == 1
    assert overall_stage([3, 0, 2, 1]) == 1  # order does not matter


def test_overall_stage_of_an_odd_number_of_areas_is_the_median():
    assert overall_stage([0, 3, 3]) == 3
    assert overall_stage([1, 1, 2, 3, 3]) == 2


def test_overall_stage_leaves_out_areas_not_assessed():
    # Without the Nones: [1, 3] -> 1. Counting None as 0 would give 0 ([0, 0, 1, 3]).
    assert overall_stage([None, 1, None, 3]) == 1
    assert overall_stage([None, 2, 2, 3, None, None]) == 2


def test_overall_stage_with_no_area_assessed_is_none():
    assert overall_stage([None, None, None]) is None
    assert overall_stage([]) is None
