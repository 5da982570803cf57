"""Reads for the dashboards: every figure is an aggregate computed in SQL.

Each function runs a fixed number of queries whatever the number of staff, answers or
rounds (the docstrings say how many), and each can be called on its own, so that a
benchmark can time the SQL apart from the page around it. Python only arranges rows
that the database has already aggregated (a handful per area), never rows of answers.

Anonymity: in an anonymous round no function here returns anything that belongs to one
person, and `withheld()` decides which groups are too small to show.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone

from pathways.models import Area, Level
from rexvet.accounts.models import Membership, Organisation

from .models import AreaResult, Invitation, OrganisationTarget, Response, Result, Round
from .participation import Participation

SUBMITTED = Response.Status.SUBMITTED
DRAFT = Response.Status.DRAFT

# Why figures of a group are withheld (anonymous rounds only).
TOO_FEW = "too_few"  # fewer respondents than the round's minimum group size
REST_TOO_FEW = "rest_too_few"  # the rest of a larger group would be that small: differencing


# --- Scope: the staff a dashboard is about ---------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The members of one organisation, optionally of one department and one job role.

    None means "any"; an empty string means "not given" (a member without a department).
    Departments and job roles are today's, from the membership.
    """

    organisation_id: int
    department: str | None = None
    job_role: str | None = None

    @property
    def is_filtered(self) -> bool:
        return self.department is not None or self.job_role is not None

    def lookups(self, prefix: str = "") -> dict:
        """Filter arguments on a Membership reached through `prefix` ("" or "...memberships__")."""
        found = {f"{prefix}organisation_id": self.organisation_id}
        if self.department is not None:
            found[f"{prefix}department"] = self.department
        if self.job_role is not None:
            found[f"{prefix}job_role"] = self.job_role
        return found

    def q(self, prefix: str = "") -> Q:
        """Only the department and job role conditions (the organisation is filtered apart)."""
        found = {k: v for k, v in self.lookups(prefix).items() if not k.endswith("organisation_id")}
        return Q(**found)

    def members(self) -> QuerySet[Membership]:
        return Membership.objects.filter(**self.lookups())

    def parents(self) -> list["Scope"]:
        """The larger groups this one could be subtracted from: the whole organisation, and
        with both filters each filter on its own."""
        if not self.is_filtered:
            return []
        found = [Scope(self.organisation_id)]
        if self.department is not None and self.job_role is not None:
            found += [
                Scope(self.organisation_id, department=self.department),
                Scope(self.organisation_id, job_role=self.job_role),
            ]
        return found


def scope_options(organisation_id: int) -> tuple[list[str], list[str]]:
    """The departments and job roles in use in the organisation, sorted. One query."""
    pairs = Membership.objects.filter(organisation_id=organisation_id).values_list("department", "job_role").distinct()
    departments, job_roles = set(), set()
    for department, job_role in pairs:
        departments.add(department)
        job_roles.add(job_role)
    return sorted(departments, key=str.casefold), sorted(job_roles, key=str.casefold)


# --- Small arithmetic on aggregated numbers ----------------------------------------------


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage with one decimal, rounded half up; None for whole 0."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def people_needed(share_percent: int, base: int) -> int:
    """How many people make up `share_percent` % of `base`, rounded up (integers only)."""
    return (share_percent * base + 99) // 100


# --- The path model a round asks about -----------------------------------------------------


@dataclass
class ModelParts:
    levels: list[Level]  # in order; ordinal n is levels[n - 1]
    areas: list[Area]

    @property
    def ordinals(self) -> list[int]:
        return list(range(len(self.levels) + 1))

    def level_by_code(self, code: str) -> Level | None:
        return next((lv for lv in self.levels if lv.code == code), None)

    @property
    def trend_level(self) -> Level | None:
        """The level the trend counts "at or above": the second (Advanced), else the top."""
        if not self.levels:
            return None
        return self.levels[1] if len(self.levels) > 1 else self.levels[-1]


def model_parts(path_model_id: int) -> ModelParts:
    """Levels and areas of one version. Two queries."""
    return ModelParts(
        levels=list(Level.objects.filter(path_model_id=path_model_id).order_by("order")),
        areas=list(Area.objects.filter(path_model_id=path_model_id).order_by("order")),
    )


# --- The aggregates --------------------------------------------------------------------------

# ordinal -> number of area results; the key None counts "not assessed".
Counts = dict[int | None, int]


def round_participation(rnd: Round, scope: Scope) -> Participation:
    """Invited, in progress, submitted among the members in scope. Two queries.

    Only members count (someone who left the organisation is not in the base); pending
    invitations are matched on the department and job role they were sent with.
    """
    status = Subquery(Response.objects.filter(round=rnd, user=OuterRef("user_id")).values("status")[:1])
    counts = scope.members().annotate(status=status).aggregate(
        members=Count("pk"),
        submitted=Count("pk", filter=Q(status=SUBMITTED)),
        in_progress=Count("pk", filter=Q(status=DRAFT)),
    )
    pending = Invitation.objects.filter(accepted_at__isnull=True, **scope.lookups()).count()
    return Participation(
        members=counts["members"],
        pending_invitations=pending,
        in_progress=counts["in_progress"],
        submitted=counts["submitted"],
    )


def rounds_distribution(round_ids: list[int], scope: Scope) -> dict[int, dict[str, Counts]]:
    """round id -> area code -> ordinal -> count, over submitted results of members in
    scope. One query (GROUP BY round, area code, ordinal)."""
    rows = (
        AreaResult.objects.filter(
            result__response__round_id__in=round_ids,
            result__response__status=SUBMITTED,
            # In one filter() call: one join to the membership in this organisation.
            **scope.lookups("result__response__user__memberships__"),
        )
        .values("result__response__round_id", "area_code", "ordinal")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[int, dict[str, Counts]] = {}
    for row in rows:
        by_area = found.setdefault(row["result__response__round_id"], {})
        by_area.setdefault(row["area_code"], {})[row["ordinal"]] = row["n"]
    return found


def round_distribution(rnd: Round, scope: Scope) -> dict[str, Counts]:
    """Area code -> ordinal -> count for one round. One query."""
    return rounds_distribution([rnd.pk], scope).get(rnd.pk, {})


def respondent_counts(round_ids: list[int], scope: Scope) -> dict[int, list[int]]:
    """round id -> [respondents in scope, then in each of scope.parents()]. One query.

    A respondent is a member in the organisation with a submitted result in the round.
    """
    groups = [scope, *scope.parents()]
    prefix = "response__user__memberships__"
    counts = {
        f"g{i}": Count("pk", filter=group.q(prefix)) if group.is_filtered else Count("pk")
        for i, group in enumerate(groups)
    }
    rows = (
        Result.objects.filter(
            response__round_id__in=round_ids,
            response__status=SUBMITTED,
            **{f"{prefix}organisation_id": scope.organisation_id},
        )
        .values("response__round_id")
        .annotate(**counts)
        .order_by()
    )
    found = {rid: [0] * len(groups) for rid in round_ids}
    for row in rows:
        found[row["response__round_id"]] = [row[f"g{i}"] for i in range(len(groups))]
    return found


def trend_rounds(rnd: Round) -> list[Round]:
    """The organisation's rounds up to this one (by opening day), oldest first. One query."""
    return list(
        Round.objects.filter(organisation_id=rnd.organisation_id, opens_on__lte=rnd.opens_on).order_by("opens_on", "pk")
    )


def organisation_targets(organisation_id: int) -> list[OrganisationTarget]:
    """One query."""
    return list(OrganisationTarget.objects.filter(organisation_id=organisation_id))


def withheld(rnd: Round, counts: list[int]) -> str | None:
    """Why the figures of a group are not shown, or None to show them.

    Named rounds show every group. An anonymous round shows none of fewer than
    `min_group_size` respondents, and none whose subtraction from a larger group shown
    beside it (the whole organisation; each filter alone) would leave a smaller group.
    `counts` is from respondent_counts(): this group's respondents, then its parents'.
    """
    if not rnd.is_anonymous:
        return None
    group, *parents = counts
    minimum = max(rnd.min_group_size, 1)
    if group < minimum:
        return TOO_FEW
    if any(0 < parent - group < minimum for parent in parents):
        return REST_TOO_FEW
    return None


# --- The coordinator's dashboard -------------------------------------------------------------


@dataclass
class AreaRow:
    area: Area
    counts: list[int]  # per ordinal 0..top, assessed results only
    not_assessed: int
    withheld: str | None = None

    @property
    def assessed(self) -> int:
        return sum(self.counts)

    @property
    def respondents(self) -> int:
        return self.assessed + self.not_assessed

    @property
    def shares(self) -> list[Decimal | None]:
        """Per ordinal, its share of the assessed results (not assessed is left out)."""
        return [percent(n, self.assessed) for n in self.counts]

    @property
    def counts_and_shares(self) -> list[tuple[int, Decimal | None]]:
        return list(zip(self.counts, self.shares))

    def at_or_above(self, order: int) -> int:
        # The ordinal is the highest level reached, so "at or above" sums the top of the
        # distribution: either direction of Advanced, and Expert, count for Advanced.
        return sum(self.counts[order:])


@dataclass
class TargetRow:
    target: OrganisationTarget
    area: Area | None  # None: the area code is not in this round's model
    level: Level | None
    staff: int  # the base: every member in scope
    respondents: int
    at_or_above: int | None  # None: withheld, or not in this model
    withheld: str | None = None

    @property
    def shown(self) -> bool:
        return self.at_or_above is not None

    @property
    def needed(self) -> int:
        return people_needed(self.target.share_percent, self.staff)

    @property
    def gap(self) -> int | None:
        """People still to reach the level for the target, rounded up; 0 when met."""
        return None if self.at_or_above is None else max(self.needed - self.at_or_above, 0)

    @property
    def share_of_staff(self) -> Decimal | None:
        return None if self.at_or_above is None else percent(self.at_or_above, self.staff)

    @property
    def share_of_respondents(self) -> Decimal | None:
        return None if self.at_or_above is None else percent(self.at_or_above, self.respondents)

    @property
    def met(self) -> bool:
        return self.gap == 0


@dataclass
class TrendCell:
    respondents: int
    assessed: int
    ordinal_sum: int
    at_or_above: int
    withheld: str | None = None

    @property
    def shown(self) -> bool:
        return self.withheld is None and self.assessed > 0

    @property
    def mean(self) -> Decimal | None:
        if not self.shown:
            return None
        return (Decimal(self.ordinal_sum) / Decimal(self.assessed)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def share(self) -> Decimal | None:
        return percent(self.at_or_above, self.assessed) if self.shown else None


@dataclass
class TrendRow:
    area: Area
    cells: list[TrendCell]  # one per trend round


@dataclass
class Dashboard:
    round: Round
    scope: Scope
    parts: ModelParts
    participation: Participation
    respondents: int
    withheld: str | None
    areas: list[AreaRow]
    targets: list[TargetRow]
    trend_rounds: list[Round]
    trend_withheld: list[str | None]  # per trend round
    trend: list[TrendRow] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.withheld is None

    @property
    def participation_withheld(self) -> bool:
        """In an anonymous round, who took part is not shown for a group smaller than the
        minimum: a filter down to one person would otherwise tell whether they answered."""
        return self.round.is_anonymous and self.participation.members < max(self.round.min_group_size, 1)

    @property
    def trend_all_withheld(self) -> bool:
        return all(self.trend_withheld)


def _area_row(area: Area, counts: Counts, parts: ModelParts, reason: str | None) -> AreaRow:
    if reason:
        return AreaRow(area=area, counts=[0] * len(parts.ordinals), not_assessed=0, withheld=reason)
    return AreaRow(area=area, counts=[counts.get(o, 0) for o in parts.ordinals], not_assessed=counts.get(None, 0))


def _target_rows(
    targets: list[OrganisationTarget], parts: ModelParts, rows: list[AreaRow], *, staff: int, respondents: int, reason
) -> list[TargetRow]:
    """Each target against the area's distribution, in the order of areas and levels."""
    by_code = {row.area.code: row for row in rows}
    area_order = {a.code: a.order for a in parts.areas}

    def order(t: OrganisationTarget) -> tuple:
        level = parts.level_by_code(t.level_code)
        return (area_order.get(t.area_code, 10**6), t.area_code, level.order if level else 0)

    found = []
    for target in sorted(targets, key=order):
        row, level = by_code.get(target.area_code), parts.level_by_code(target.level_code)
        at = row.at_or_above(level.order) if row and level and not reason else None
        found.append(
            TargetRow(
                target=target,
                area=row.area if row else None,
                level=level,
                staff=staff,
                respondents=respondents,
                at_or_above=at,
                withheld=reason,
            )
        )
    return found


def _trend_cell(counts: Counts, level: Level | None, reason: str | None) -> TrendCell:
    if reason:
        return TrendCell(respondents=0, assessed=0, ordinal_sum=0, at_or_above=0, withheld=reason)
    assessed = {o: n for o, n in counts.items() if o is not None}
    return TrendCell(
        respondents=sum(counts.values()),
        assessed=sum(assessed.values()),
        ordinal_sum=sum(o * n for o, n in assessed.items()),
        at_or_above=sum(n for o, n in assessed.items() if level and o >= level.order),
    )


def coordinator_dashboard(rnd: Round, scope: Scope) -> Dashboard:
    """Everything on the coordinator's dashboard of one round. Eight queries: levels,
    areas, participation (2), trend rounds, the distribution of all of them, their
    respondents, targets — and nothing per person, area or round."""
    parts = model_parts(rnd.path_model_id)
    participation = round_participation(rnd, scope)
    rounds = trend_rounds(rnd)
    round_ids = [r.pk for r in rounds]
    distributions = rounds_distribution(round_ids, scope)
    respondents = respondent_counts(round_ids, scope)

    reason = withheld(rnd, respondents[rnd.pk])
    current = distributions.get(rnd.pk, {})
    area_rows = [_area_row(area, current.get(area.code, {}), parts, reason) for area in parts.areas]
    target_rows = _target_rows(
        organisation_targets(scope.organisation_id),
        parts,
        area_rows,
        staff=participation.members,
        respondents=respondents[rnd.pk][0],
        reason=reason,
    )
    trend_withheld = [withheld(r, respondents[r.pk]) for r in rounds]
    trend = [
        TrendRow(
            area=area,
            cells=[
                _trend_cell(distributions.get(r.pk, {}).get(area.code, {}), parts.trend_level, why)
                for r, why in zip(rounds, trend_withheld)
            ],
        )
        for area in parts.areas
    ]
    return Dashboard(
        round=rnd,
        scope=scope,
        parts=parts,
        participation=participation,
        respondents=respondents[rnd.pk][0],
        withheld=reason,
        areas=area_rows,
        targets=target_rows,
        trend_rounds=rounds,
        trend_withheld=trend_withheld,
        trend=trend,
    )


# --- Named rounds: people ---------------------------------------------------------------------


@dataclass
class PersonRow:
    membership: Membership
    status: str | None  # "submitted", "draft" or None (not started)
    result_id: int | None
    overall_label: str
    plan_id: int | None
    cells: list[dict | None]  # per area of the model: {"ordinal", "label"} or None (no result)

    @property
    def user(self):
        return self.membership.user


def _refuse_anonymous(rnd: Round) -> None:
    if rnd.is_anonymous:
        raise PermissionError("An anonymous round never shows a person.")


def _people_ordered(scope: Scope) -> QuerySet[Membership]:
    name = Lower(Coalesce(NullIf("user__full_name", Value("")), "user__email"))
    return scope.members().select_related("user").order_by(name, "user__email", "pk")


def _person_rows(rnd: Round, memberships: list[Membership], parts: ModelParts) -> list[PersonRow]:
    """Rows for these members: their response and result, and their level per area.
    Two queries, whatever the number of members."""
    user_ids = [m.user_id for m in memberships]
    responses = {
        r["user_id"]: r
        for r in Response.objects.filter(round=rnd, user_id__in=user_ids).values(
            "user_id", "status", "result__id", "result__overall_label", "result__plan__id"
        )
    }
    result_ids = [r["result__id"] for r in responses.values() if r["result__id"] and r["status"] == SUBMITTED]
    cells: dict[int, dict[str, dict]] = {}
    for ar in AreaResult.objects.filter(result_id__in=result_ids).values("result_id", "area_code", "ordinal", "label"):
        cells.setdefault(ar["result_id"], {})[ar["area_code"]] = ar
    rows = []
    for m in memberships:
        response = responses.get(m.user_id)
        status = response["status"] if response else None
        result_id = response["result__id"] if response and status == SUBMITTED else None
        by_code = cells.get(result_id, {}) if result_id else {}
        rows.append(
            PersonRow(
                membership=m,
                status=status,
                result_id=result_id,
                overall_label=response["result__overall_label"] if result_id else "",
                plan_id=response["result__plan__id"] if result_id else None,
                cells=[by_code.get(area.code) for area in parts.areas] if result_id else [None] * len(parts.areas),
            )
        )
    return rows


def heatmap_page(rnd: Round, scope: Scope, parts: ModelParts, page_number, *, per_page: int = 50) -> Page:
    """One page of the staff × area heatmap of a named round: every member in scope, by
    name, with their level per area. Four queries: count, page, responses, area results."""
    _refuse_anonymous(rnd)
    page = Paginator(_people_ordered(scope), per_page).get_page(page_number)
    page.object_list = _person_rows(rnd, list(page.object_list), parts)
    return page


def people_rows(rnd: Round, scope: Scope, parts: ModelParts) -> list[PersonRow]:
    """Every member in scope of a named round, for the export. Three queries."""
    _refuse_anonymous(rnd)
    return _person_rows(rnd, list(_people_ordered(scope)), parts)


def person_in_round(rnd: Round, user_id: int) -> Result | None:
    """The submitted result of a member of a named round's organisation, or None."""
    _refuse_anonymous(rnd)
    return (
        Result.objects.select_related("response__user", "path_model", "plan")
        .filter(
            response__round=rnd,
            response__status=SUBMITTED,
            response__user_id=user_id,
            response__user__memberships__organisation_id=rnd.organisation_id,
        )
        .first()
    )


# --- Rounds a coordinator can open ------------------------------------------------------------


def coordinator_rounds(organisations: QuerySet[Organisation]) -> list[Round]:
    """The rounds of these organisations, newest first, each with `submitted_count`
    (members' submitted results). One query."""
    submitted = Subquery(
        Result.objects.filter(
            response__round=OuterRef("pk"),
            response__status=SUBMITTED,
            response__user__memberships__organisation=OuterRef("organisation"),
        )
        .order_by()
        .values("response__round")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return list(
        Round.objects.filter(organisation__in=organisations)
        .select_related("organisation", "path_model")
        .annotate(submitted_count=Coalesce(submitted, 0))
        .order_by("organisation__name", "-opens_on", "name")
    )


# --- The partnership ---------------------------------------------------------------------------


@dataclass
class PartnershipColumn:
    """One organisation and the round its figures come from."""

    organisation: Organisation
    round: Round | None
    staff: int
    respondents: int
    withheld: str | None


@dataclass
class PartnershipArea:
    area: Area
    cells: list[AreaRow]  # one per column; a withheld column has withheld set
    total: AreaRow  # all columns shown, added up
    columns: list[PartnershipColumn] = field(default_factory=list)
    headline_order: int = 2  # the level the overview counts "at or above"

    @property
    def headline(self) -> list[tuple[PartnershipColumn, AreaRow, Decimal | None]]:
        """Per column: the share of the assessed at or above the headline level."""
        return [
            (col, cell, None if cell.withheld else percent(cell.at_or_above(self.headline_order), cell.assessed))
            for col, cell in zip(self.columns, self.cells)
        ]

    @property
    def columns_and_cells(self) -> list[tuple[PartnershipColumn, AreaRow]]:
        return list(zip(self.columns, self.cells))


@dataclass
class Partnership:
    levels: list[Level]
    columns: list[PartnershipColumn]
    areas: list[PartnershipArea]
    source: Round | None  # a partnership-wide round, or None: each organisation's latest

    @property
    def headline_level(self) -> Level | None:
        return ModelParts(levels=self.levels, areas=[]).trend_level

    @property
    def ordinals(self) -> list[int]:
        return list(range(len(self.levels) + 1))


def partnership_rounds() -> list[Round]:
    """Partnership-wide rounds, newest first. One query."""
    return list(
        Round.objects.filter(organisation__isnull=True).select_related("path_model").order_by("-opens_on", "pk")
    )


def partnership_overview(*, source: Round | None = None, today: date | None = None) -> Partnership:
    """Organisations side by side per area, aggregates only. Five queries.

    By default each organisation's figures come from its latest round that has opened;
    with a partnership-wide `source` round, from that round, each respondent counted with
    the organisation they are a member of.
    """
    today = today or timezone.localdate()
    latest = Subquery(
        Round.objects.filter(organisation=OuterRef("pk"), opens_on__lte=today)
        .order_by("-opens_on", "-pk")
        .values("pk")[:1]
    )
    staff = Subquery(
        Membership.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    organisations = list(
        Organisation.objects.annotate(latest_round_id=latest, staff_count=Coalesce(staff, 0)).order_by("name")
    )

    if source is None:
        round_by_org = {
            r.organisation_id: r
            for r in Round.objects.filter(pk__in=[o.latest_round_id for o in organisations if o.latest_round_id])
        }
        rows = (
            AreaResult.objects.filter(
                result__response__round_id__in=[r.pk for r in round_by_org.values()],
                result__response__status=SUBMITTED,
                result__response__user__memberships__organisation=F("result__response__round__organisation"),
            )
            .values(org=F("result__response__round__organisation"), code=F("area_code"), o=F("ordinal"))
            .annotate(n=Count("pk"))
            .order_by()
        )
        model_ids = {r.path_model_id for r in round_by_org.values()}
    else:
        round_by_org = {o.pk: source for o in organisations}
        rows = (
            AreaResult.objects.filter(result__response__round=source, result__response__status=SUBMITTED)
            .values(org=F("result__response__user__memberships__organisation"), code=F("area_code"), o=F("ordinal"))
            .annotate(n=Count("pk"))
            .order_by()
        )
        model_ids = {source.path_model_id}

    counts: dict[int, dict[str, Counts]] = {}
    for row in rows:
        counts.setdefault(row["org"], {}).setdefault(row["code"], {})[row["o"]] = row["n"]

    # Areas and levels of the newest version among the rounds shown, matched by code.
    areas_all = list(
        Area.objects.filter(path_model_id__in=model_ids)
        .select_related("path_model")
        .order_by("-path_model__version", "order")
    )
    newest = areas_all[0].path_model_id if areas_all else None
    areas = [a for a in areas_all if a.path_model_id == newest]
    levels = list(Level.objects.filter(path_model_id=newest).order_by("order")) if newest else []
    parts = ModelParts(levels=levels, areas=areas)

    columns = []
    for org in organisations:
        rnd = round_by_org.get(org.pk)
        by_area = counts.get(org.pk, {})
        # Every result has a row for every area of its version: the largest area count is
        # the number of respondents.
        respondents = max((sum(c.values()) for c in by_area.values()), default=0)
        reason = withheld(rnd, [respondents]) if rnd else None
        columns.append(PartnershipColumn(org, rnd, org.staff_count, respondents if not reason else 0, reason))

    result_areas = []
    for area in areas:
        cells = [
            _area_row(area, counts.get(col.organisation.pk, {}).get(area.code, {}), parts, col.withheld)
            for col in columns
        ]
        shown = [c for c in cells if not c.withheld]
        total = AreaRow(
            area=area,
            counts=[sum(c.counts[o] for c in shown) for o in parts.ordinals],
            not_assessed=sum(c.not_assessed for c in shown),
        )
        result_areas.append(
            PartnershipArea(
                area=area,
                cells=cells,
                total=total,
                columns=columns,
                headline_order=parts.trend_level.order if parts.trend_level else 0,
            )
        )
    return Partnership(levels=levels, columns=columns, areas=result_areas, source=source)
