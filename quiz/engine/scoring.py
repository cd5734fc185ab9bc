"""Points for one answer: a pure function, so the rules fit in one place and one table.

| part          | rule                                                                  |
|---------------|-----------------------------------------------------------------------|
| base          | easy 100, medium 200, hard 300; a wrong answer scores 0               |
| streak bonus  | +10% of base for each right answer in a row before this one, max +50% |
| hint penalty  | a hint halves the base (the bonuses are counted on the halved base)   |
| time bonus    | timed mode only: up to +50% of base, in proportion to the time left   |

Accuracy (right answers out of questions asked) is kept apart from the score: it is the figure a
teacher reads, untouched by streaks and bonuses.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE_POINTS: dict[str, int] = {"easy": 100, "medium": 200, "hard": 300}
STREAK_STEP = 0.10
STREAK_CAP = 0.50
HINT_FACTOR = 0.5
TIME_BONUS_MAX = 0.50


@dataclass(frozen=True)
class Points:
    """The points an answer earned, and how they add up."""

    base: int = 0
    streak_bonus: int = 0
    time_bonus: int = 0
    hint_penalty: int = 0

    @property
    def total(self) -> int:
        """Everything together."""
        return self.base + self.streak_bonus + self.time_bonus - self.hint_penalty


def score_answer(
    difficulty: str,
    correct: bool,
    streak_before: int = 0,
    hint_used: bool = False,
    time_left: float | None = None,
) -> Points:
    """The points for one answer.

    `streak_before` counts the right answers in a row before this one; `time_left` is the share of
    the countdown left (0 to 1) in timed mode, None otherwise.
    """
    if not correct:
        return Points()
    base = BASE_POINTS.get(difficulty, BASE_POINTS["medium"])
    penalty = round(base * (1 - HINT_FACTOR)) if hint_used else 0
    earned = base - penalty
    streak = round(earned * min(STREAK_CAP, STREAK_STEP * max(0, streak_before)))
    time = 0
    if time_left is not None:
        time = round(earned * TIME_BONUS_MAX * min(1.0, max(0.0, time_left)))
    return Points(base=base, streak_bonus=streak, time_bonus=time, hint_penalty=penalty)


def accuracy(right: int, asked: int) -> float:
    """The share of questions answered right, from 0 to 1 (0 when nothing was asked)."""
    return right / asked if asked else 0.0
