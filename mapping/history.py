"""A person's own results across rounds, area by area.

Areas are matched by their stable code, so a result computed with an older path-model
version lines up with a newer one even when an area was renamed or reordered.
"""

from dataclasses import dataclass, field
from datetime import datetime

from .models import AreaResult

UP, DOWN, SAME = "up", "down", "same"


@dataclass(frozen=True)
class HistoryColumn:
    result_id: int
    round_name: str
    submitted_at: datetime


@dataclass(frozen=True)
class HistoryCell:
    label: str
    ordinal: int | None  # None: not assessed


@dataclass
class HistoryRow:
    area_code: str
    name: str
    cells: list[HistoryCell | None] = field(default_factory=list)  # None: not in that version

    @property
    def change(self) -> str | None:
        """Up, down or same from the previous result to the latest; None when either
        has no assessed level in this area."""
        if len(self.cells) < 2 or self.cells[-1] is None or self.cells[-2] is None:
            return None
        before, now = self.cells[-2].ordinal, self.cells[-1].ordinal
        if before is None or now is None:
            return None
        return UP if now > before else DOWN if now < before else SAME


@dataclass
class AreaHistory:
    columns: list[HistoryColumn]
    rows: list[HistoryRow]


def area_history(*, user) -> AreaHistory:
    """Every submitted result of the user, oldest first, with the level per area. One query."""
    records = (
        AreaResult.objects.filter(result__response__user=user)
        .order_by("result__response__submitted_at", "result_id", "area__order")
        .values_list(
            "result_id",
            "result__response__round__name",
            "result__response__submitted_at",
            "area_code",
            "area__name",
            "ordinal",
            "label",
        )
    )
    columns: list[HistoryColumn] = []
    cells: dict[str, dict[int, HistoryCell]] = {}
    names: dict[str, str] = {}
    order: dict[int, list[str]] = {}  # result id → its area codes in model order
    for result_id, round_name, submitted_at, code, name, ordinal, label in records:
        if not columns or columns[-1].result_id != result_id:
            columns.append(HistoryColumn(result_id, round_name, submitted_at))
        cells.setdefault(code, {})[result_id] = HistoryCell(label, ordinal)
        names[code] = name  # the latest version's name wins
        order.setdefault(result_id, []).append(code)

    # The latest version's areas in its order, then areas only older versions had.
    codes: list[str] = []
    for column in reversed(columns):
        codes.extend(code for code in order[column.result_id] if code not in codes)
    rows = [
        HistoryRow(code, names[code], [cells[code].get(c.result_id) for c in columns]) for code in codes
    ]
    return AreaHistory(columns=columns, rows=rows)
