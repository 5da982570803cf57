"""Quiz scoring, as a pure function on plain data.

The rule, exactly:

- A single-choice question scores 1 when the one answer chosen is correct, else 0 (no
  answer, a wrong answer, or more than one answer).
- A multiple-choice question scores partial credit
  max(0, (correct answers chosen − wrong answers chosen) / number of correct answers).
- The percentage is 100 × (sum of the question scores) / (number of questions).
- The quiz is passed when the percentage is at least the pass mark (a whole percentage).

Everything is computed with exact fractions and compared in integers, so "exactly at the
pass mark" passes: 4 of 5 at a pass mark of 80 is 400 >= 400. A quiz without questions
scores 0 and is not passed. Answer ids that are not choices of the question are ignored.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    multiple: bool
    choices: frozenset[int]
    correct: frozenset[int]


@dataclass(frozen=True)
class QuestionScore:
    question_id: int
    credit: Fraction  # 0 … 1
    chosen: frozenset[int]
    wrong_chosen: frozenset[int]  # chosen answers that are not correct

    @property
    def is_correct(self) -> bool:
        return self.credit == 1

    @property
    def is_partly_correct(self) -> bool:
        return 0 < self.credit < 1


@dataclass(frozen=True)
class QuizScore:
    points: Fraction
    questions: int
    pass_mark_percent: int
    results: tuple[QuestionScore, ...]

    @property
    def percent(self) -> Fraction:
        if not self.questions:
            return Fraction(0)
        return 100 * self.points / self.questions

    @property
    def percent_floor(self) -> int:
        """The whole percentage, rounded down: it is >= the pass mark exactly when passed."""
        return floor(self.percent)

    @property
    def passed(self) -> bool:
        # 100 × points >= pass mark × questions, without rounding.
        return self.questions > 0 and 100 * self.points >= self.pass_mark_percent * self.questions


def question_score(question: QuestionSpec, chosen: Iterable[int]) -> QuestionScore:
    picked = frozenset(chosen) & question.choices
    wrong = picked - question.correct
    if question.multiple:
        right = len(picked & question.correct)
        credit = max(Fraction(0), Fraction(right - len(wrong), len(question.correct))) if question.correct else Fraction(0)
    else:
        credit = Fraction(1) if len(picked) == 1 and picked <= question.correct else Fraction(0)
    return QuestionScore(question_id=question.id, credit=credit, chosen=picked, wrong_chosen=wrong)


def quiz_score(
    questions: Iterable[QuestionSpec], answers: Mapping[int, Iterable[int]], *, pass_mark_percent: int
) -> QuizScore:
    """Score `answers` ({question id: chosen choice ids}) against `questions`."""
    results = tuple(question_score(q, answers.get(q.id, ())) for q in questions)
    return QuizScore(
        points=sum((r.credit for r in results), Fraction(0)),
        questions=len(results),
        pass_mark_percent=pass_mark_percent,
        results=results,
    )
