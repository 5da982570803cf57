"""The coordinator's view as tables, for CSV and XLSX.

The tables hold the same numbers as the dashboard page, from the same selector. In an
anonymous round there is no table of people and no column that names anyone; withheld
groups export empty number cells with the note "too few answers".
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rexvet.lib.csvexport import DELIMITERS, csv_bytes
from rexvet.lib.xlsxexport import Sheet, xlsx_bytes

from .charts import ordinal_names, withheld_note
from .selectors import TOO_FEW, Dashboard, PersonRow


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list]


def _note(dashboard: Dashboard, reason: str | None) -> str:
    return withheld_note(reason, dashboard.round.min_group_size) if reason else ""


def participation_table(d: Dashboard) -> Table:
    p = d.participation
    if d.participation_withheld:
        return Table(
            "participation",
            _("Participation"),
            [_("Staff in scope"), _("Note")],
            [[None, withheld_note(TOO_FEW, d.round.min_group_size)]],
        )
    return Table(
        "participation",
        _("Participation"),
        [
            _("Staff in scope"), _("Invitations not accepted"), _("Invited"), _("Submitted"), _("In progress"),
            _("Not started"), _("Submitted (%)"),
        ],  # fmt: skip
        [[p.members, p.pending_invitations, p.invited, p.submitted, p.in_progress, p.not_started, p.submitted_percent]],
    )


def levels_table(d: Dashboard) -> Table:
    names = ordinal_names(d)
    header = [_("Area code"), _("Competence area"), _("Respondents"), _("Assessed")]
    header += names + [_("Not assessed")]
    header += [_("%(level)s (%% of assessed)") % {"level": n} for n in names] + [_("Note")]
    rows = []
    for row in d.areas:
        if row.withheld:
            empty = [None] * (2 + 2 * len(names) + 1)
            rows.append([row.area.code, row.area.name, *empty, _note(d, row.withheld)])
        else:
            rows.append(
                [row.area.code, row.area.name, row.respondents, row.assessed]
                + row.counts
                + [row.not_assessed]
                + row.shares
                + [""]
            )
    return Table("levels", _("Levels per area"), header, rows)


def targets_table(d: Dashboard) -> Table:
    header = [
        _("Area code"), _("Competence area"), _("Level"), _("Target (% of staff)"), _("By"),
        _("Staff in scope"), _("Respondents"), _("At or above the level"), _("Share of all staff (%)"),
        _("Share of respondents (%)"), _("Needed for the target"), _("Gap in people"), _("Note"),
    ]  # fmt: skip
    rows = []
    for t in d.targets:
        if t.area is None or t.level is None:
            note = _("This area or level is not in the round's path model.")
        elif t.withheld:
            note = _note(d, t.withheld)
        else:
            note = _("People without a submitted result count as not at the level.")
        rows.append(
            [
                t.target.area_code, t.area.name if t.area else "", t.level.name if t.level else t.target.level_code,
                t.target.share_percent, t.target.target_date, t.staff, t.respondents if t.shown else None,
                t.at_or_above, t.share_of_staff, t.share_of_respondents, t.needed if t.shown else None, t.gap, note,
            ]
        )  # fmt: skip
    return Table("targets", _("Targets"), header, rows)


def trend_table(d: Dashboard) -> Table:
    level = d.parts.trend_level
    level_name = level.name if level else ""
    header = [
        _("Round"), _("Opens on"), _("Area code"), _("Competence area"), _("Respondents"), _("Assessed"),
        _("Average level (0–%(top)s)") % {"top": len(d.parts.levels)},
        _("At %(level)s or above") % {"level": level_name},
        _("At %(level)s or above (%% of assessed)") % {"level": level_name}, _("Note"),
    ]  # fmt: skip
    rows = []
    for i, rnd in enumerate(d.trend_rounds):
        for row in d.trend:
            cell = row.cells[i]
            if cell.withheld:
                empty = [None] * 5
                rows.append([rnd.name, rnd.opens_on, row.area.code, row.area.name, *empty, _note(d, cell.withheld)])
            else:
                rows.append(
                    [rnd.name, rnd.opens_on, row.area.code, row.area.name, cell.respondents, cell.assessed,
                     cell.mean, cell.at_or_above if cell.assessed else None, cell.share, ""]
                )  # fmt: skip
    return Table("trend", _("Trend across rounds"), header, rows)


STATUS_NAMES = {
    "submitted": gettext_lazy("Submitted"),
    "draft": gettext_lazy("In progress"),
    None: gettext_lazy("Not started"),
}


def people_table(d: Dashboard, people: list[PersonRow]) -> Table:
    if d.round.is_anonymous:
        raise PermissionError("An anonymous round never exports people.")
    areas = d.parts.areas
    header = [_("Name"), _("E-mail"), _("Department"), _("Job role"), _("Status"), _("Overall stage")]
    header += [a.short_name or a.name for a in areas]
    header += [_("%(area)s (0–%(top)s)") % {"area": a.short_name or a.name, "top": len(d.parts.levels)} for a in areas]
    rows = []
    for p in people:
        rows.append(
            [p.user.full_name, p.user.email, p.membership.department, p.membership.job_role,
             str(STATUS_NAMES.get(p.status, p.status)), p.overall_label]
            + [(c["label"] if c else "") for c in p.cells]
            + [(c["ordinal"] if c else None) for c in p.cells]
        )  # fmt: skip
    return Table("people", _("Staff × area"), header, rows)


def tables(d: Dashboard, people: list[PersonRow] | None) -> list[Table]:
    found = [participation_table(d), levels_table(d), targets_table(d), trend_table(d)]
    if people is not None and not d.round.is_anonymous:
        found.append(people_table(d, people))
    return found


def describe_scope(d: Dashboard) -> str:
    s = d.scope
    parts = []
    if s.department is not None:
        parts.append(_("department: %(v)s") % {"v": s.department or _("not given")})
    if s.job_role is not None:
        parts.append(_("job role: %(v)s") % {"v": s.job_role or _("not given")})
    return ", ".join(parts) if parts else _("all staff")


def about_table(d: Dashboard) -> Table:
    rnd = d.round
    if rnd.is_anonymous:
        kind = _("Anonymous (minimum group size %(n)s)") % {"n": rnd.min_group_size}
    else:
        kind = _("Named")
    rows = [
        [_("Organisation"), rnd.organisation.name],
        [_("Round"), rnd.name],
        [_("Opens on"), rnd.opens_on],
        [_("Closes on"), rnd.closes_on],
        [_("Kind"), kind],
        [_("Staff shown"), describe_scope(d)],
        [_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        [
            _("Base of the targets"),
            _("Every staff member in scope; people without a submitted result count as not at the level."),
        ],
        [
            _("Distributions"),
            _("Submitted results only (drafts never count); not assessed areas are left out of the shares."),
        ],
    ]
    return Table("about", _("About this export"), [_("Item"), _("Value")], rows)


def csv_export(table: Table, *, delimiter: str) -> bytes:
    return csv_bytes(table.header, table.rows, delimiter=DELIMITERS[delimiter])


def xlsx_export(d: Dashboard, people: list[PersonRow] | None) -> bytes:
    sheets = [Sheet(t.title, t.header, t.rows) for t in [about_table(d), *tables(d, people)]]
    return xlsx_bytes(sheets)
