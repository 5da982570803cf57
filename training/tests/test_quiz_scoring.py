"""The quiz scoring rule with exact values (training/scoring.py): single choice 1 or 0,
multiple choice max(0, (right chosen − wrong chosen) / right answers), 100 × sum /
questions, passed at or above the pass mark."""

from fractions import Fraction

import pytest

from training.scoring import QuestionSpec, question_score, quiz_score

SINGLE = QuestionSpec(id=1, multiple=False, choices=frozenset({11, 12, 13}), correct=frozenset({11}))
# Three right answers (21, 22, 23) and two wrong ones (24, 25).
MULTIPLE = QuestionSpec(id=2, multiple=True, choices=frozenset({21, 22, 23, 24, 25}), correct=frozenset({21, 22, 23}))


def five(multiple_correct: int = 2) -> list[QuestionSpec]:
    """Four single-choice questions (1–4: right answer 10q+1) and a multiple-choice fifth."""
    singles = [
        QuestionSpec(id=q, multiple=False, choices=frozenset({10 * q + 1, 10 * q + 2}), correct=frozenset({10 * q + 1}))
        for q in range(1, 5)
    ]
    right = frozenset(range(51, 51 + multiple_correct))
    return singles + [QuestionSpec(id=5, multiple=True, choices=right | {58, 59}, correct=right)]


@pytest.mark.parametrize(
    ("chosen", "credit"),
    [
        ({11}, Fraction(1)),
        ({12}, Fraction(0)),
        (set(), Fraction(0)),
        ({11, 12}, Fraction(0)),  # two answers to a single-choice question: not right
        ({99}, Fraction(0)),  # not a choice of this question: ignored
    ],
)
def test_single_choice_scores_one_only_for_the_one_right_answer(chosen, credit):
    assert question_score(SINGLE, chosen).credit == credit


@pytest.mark.parametrize(
    ("chosen", "credit"),
    [
        ({21, 22, 23}, Fraction(1)),
        ({21, 22}, Fraction(2, 3)),
        ({21}, Fraction(1, 3)),
        ({21, 22, 23, 24}, Fraction(2, 3)),  # 3 right − 1 wrong = 2 of 3
        ({21, 22, 24}, Fraction(1, 3)),  # 2 − 1 = 1 of 3
        ({21, 24}, Fraction(0)),  # 1 − 1 = 0
        ({21, 24, 25}, Fraction(0)),  # 1 − 2 < 0: never below zero
        ({24, 25}, Fraction(0)),
        (set(), Fraction(0)),
        ({21, 22, 23, 24, 25}, Fraction(1, 3)),  # everything ticked: 3 − 2 = 1 of 3
    ],
)
def test_multiple_choice_gives_partial_credit_for_right_minus_wrong(chosen, credit):
    assert question_score(MULTIPLE, chosen).credit == credit


def test_it_names_the_wrong_answers_that_were_chosen():
    score = question_score(MULTIPLE, {21, 24, 25, 99})

    assert score.chosen == {21, 24, 25}
    assert score.wrong_chosen == {24, 25}
    assert not score.is_correct and not score.is_partly_correct


def test_percentage_is_the_share_of_questions_right():
    answers = {1: {11}, 2: {21, 22}}  # 1 + 2/3 of 2 questions

    score = quiz_score([SINGLE, MULTIPLE], answers, pass_mark_percent=80)

    assert score.points == Fraction(5, 3)
    assert score.percent == Fraction(250, 3)  # 83.33… %
    assert score.percent_floor == 83
    assert score.passed


def test_exactly_at_the_pass_mark_passes():
    # Four of five right: 400 >= 80 × 5.
    answers = {1: {11}, 2: {21}, 3: {31}, 4: {41}, 5: set()}

    score = quiz_score(five(), answers, pass_mark_percent=80)

    assert (score.points, score.percent, score.percent_floor, score.passed) == (4, 80, 80, True)


def test_one_wrong_choice_under_the_pass_mark_fails():
    # Three singles right and the multiple question 2 right − 1 wrong = 1/2:
    # 3.5 of 5 = 70 % at a pass mark of 80; without the wrong tick, 4 of 5 = 80 %.
    with_wrong = {1: {11}, 2: {21}, 3: {31}, 4: {42}, 5: {51, 52, 58}}
    without = {1: {11}, 2: {21}, 3: {31}, 4: {42}, 5: {51, 52}}

    failed = quiz_score(five(), with_wrong, pass_mark_percent=80)
    passed = quiz_score(five(), without, pass_mark_percent=80)

    assert (failed.points, failed.percent, failed.percent_floor, failed.passed) == (Fraction(7, 2), 70, 70, False)
    assert (passed.points, passed.percent, passed.passed) == (4, 80, True)


def test_a_hair_under_the_pass_mark_fails_and_rounds_down():
    # Multiple choice with three right answers, two chosen: 4 + 2/3 of 5 = 93.33 %; at a
    # pass mark of 94 that fails, and the whole percentage shown is 93, not 94.
    answers = {1: {11}, 2: {21}, 3: {31}, 4: {41}, 5: {51, 52}}

    score = quiz_score(five(multiple_correct=3), answers, pass_mark_percent=94)

    assert score.percent == Fraction(280, 3)
    assert (score.percent_floor, score.passed) == (93, False)
    assert quiz_score(five(multiple_correct=3), answers, pass_mark_percent=93).passed


def test_all_right_is_100_and_nothing_answered_is_0():
    everything = {1: {11}, 2: {21}, 3: {31}, 4: {41}, 5: {51, 52}}

    assert quiz_score(five(), everything, pass_mark_percent=100).percent == 100
    assert quiz_score(five(), everything, pass_mark_percent=100).passed
    assert quiz_score(five(), {}, pass_mark_percent=1).percent == 0
    assert not quiz_score(five(), {}, pass_mark_percent=1).passed


def test_a_quiz_without_questions_is_never_passed():
    score = quiz_score([], {}, pass_mark_percent=1)

    assert (score.percent, score.percent_floor, score.passed) == (0, 0, False)
