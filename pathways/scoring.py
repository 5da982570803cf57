"""The scoring rule, as pure functions on plain data.

In one sentence: each statement scores not yet 0, partly 1, yes 2 (not applicable is
left out); a level (or one direction of a branched level) is reached when its score is
at least the threshold share of its maximum and at least half of its statements apply;
levels count only cumulatively from the bottom, and the area level is the number of
levels reached in a row.
"""

from dataclasses import dataclass, field
from statistics import median_low

NOT_YET = "not_yet"
PARTLY = "partly"
YES = "yes"
NOT_APPLICABLE = "na"

POINTS = {NOT_YET: 0, PARTLY: 1, YES: 2}
ANSWER_VALUES = (NOT_YET, PARTLY, YES, NOT_APPLICABLE)


@dataclass(frozen=True)
class LevelSpec:
    code: str
    directions: tuple[str, ...] = ()  # empty for a level without directions


@dataclass(frozen=True)
class ModelSpec:
    threshold_percent: int
    levels: tuple[LevelSpec, ...]  # in order, lowest first


@dataclass(frozen=True)
class TrackScore:
    """The score of one level, or of one direction of a branched level."""

    level: str
    direction: str | None
    score: int
    applicable: int
    total: int
    threshold_percent: int

    @property
    def maximum(self) -> int:
        return 2 * self.applicable

    @property
    def assessed(self) -> bool:
        # Fewer than half of the statements applicable: not assessed.
        return self.total > 0 and 2 * self.applicable >= self.total

    @property
    def reached(self) -> bool:
        # Integers only: 8 of 10 at 80 % is 800 >= 800.
        return self.assessed and 100 * self.score >= self.threshold_percent * self.maximum

    @property
    def share_percent(self) -> float | None:
        return None if self.maximum == 0 else round(100 * self.score / self.maximum, 1)

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "direction": self.direction,
            "score": self.score,
            "max": self.maximum,
            "applicable": self.applicable,
            "total": self.total,
            "share": self.share_percent,
            "assessed": self.assessed,
            "reached": self.reached,
        }


@dataclass(frozen=True)
class AreaScore:
    tracks: tuple[TrackScore, ...]
    ordinal: int | None  # None: not assessed; 0 Starting; 1.. the levels in order
    reached_directions: tuple[str, ...]  # directions reached at the branched level counted in ordinal
    next_level: str | None  # None when the top level is reached (or not assessed)
    next_direction: str | None
    broaden_directions: tuple[str, ...] = field(default=())

    @property
    def assessed(self) -> bool:
        return self.ordinal is not None


def score_track(
    level: str, direction: str | None, answers: list[str], total: int, threshold_percent: int
) -> TrackScore:
    applicable = [a for a in answers if a in POINTS]
    return TrackScore(
        level=level,
        direction=direction,
        score=sum(POINTS[a] for a in applicable),
        applicable=len(applicable),
        total=total,
        threshold_percent=threshold_percent,
    )


def _share_key(track: TrackScore) -> tuple[int, int]:
    # Compare score/max without floats: a/b > c/d  <=>  a*d > c*b. A track with no
    # applicable statement has share 0.
    return (track.score, track.maximum) if track.maximum else (0, 1)


def _higher_share_first(tracks: list[TrackScore]) -> TrackScore:
    best = tracks[0]
    for track in tracks[1:]:
        a, b = _share_key(track)
        c, d = _share_key(best)
        if a * d > c * b:  # strictly higher: on a tie the first in the model wins
            best = track
    return best


def score_area(
    spec: ModelSpec,
    answers_by_track: dict[tuple[str, str | None], list[str]],
    totals_by_track: dict[tuple[str, str | None], int],
    preferred_direction: str | None = None,
) -> AreaScore:
    """Score one area.

    answers_by_track maps (level code, direction code or None) to the answers given
    to that track's statements; totals_by_track to how many statements it has.
    """
    tracks: list[TrackScore] = []
    by_level: dict[str, list[TrackScore]] = {}
    for level in spec.levels:
        keys = [(level.code, d) for d in level.directions] or [(level.code, None)]
        level_tracks = [
            score_track(code, d, answers_by_track.get((code, d), []), totals_by_track.get((code, d), 0), spec.threshold_percent)
            for code, d in keys
        ]
        by_level[level.code] = level_tracks
        tracks.extend(level_tracks)

    first = spec.levels[0]
    if not any(t.assessed for t in by_level[first.code]):
        return AreaScore(tuple(tracks), None, (), None, None)

    ordinal = 0
    reached_directions: tuple[str, ...] = ()
    for level in spec.levels:
        reached = [t for t in by_level[level.code] if t.reached]
        if not reached:
            break
        ordinal += 1
        if level.directions:
            reached_directions = tuple(t.direction for t in reached)

    next_level = next_direction = None
    broaden: tuple[str, ...] = ()
    if ordinal < len(spec.levels):
        level = spec.levels[ordinal]
        next_level = level.code
        if level.directions:
            if preferred_direction in level.directions:
                next_direction = preferred_direction
            else:
                next_direction = _higher_share_first(by_level[level.code]).direction
            broaden = tuple(d for d in level.directions if d != next_direction)
    # Someone at or beyond a branched level in one direction may broaden to the others.
    if not broaden and reached_directions:
        branched = next(lv for lv in spec.levels if lv.directions)
        broaden = tuple(d for d in branched.directions if d not in reached_directions)

    return AreaScore(tuple(tracks), ordinal, reached_directions, next_level, next_direction, broaden)


def overall_stage(ordinals: list[int | None]) -> int | None:
    """The lower median of the assessed areas' ordinals; None when no area is assessed."""
    assessed = [o for o in ordinals if o is not None]
    return median_low(assessed) if assessed else None
