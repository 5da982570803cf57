"""Writes of the self-assessment: start, save a page as a draft, submit and score."""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from pathways.models import Area, Direction
from pathways.scoring import ANSWER_VALUES, AreaScore, overall_stage, score_area
from pathways.selectors import PathStructure, path_structure
from pathways.services import plan_create_from_result
from training.selectors import modules_by_step

from .models import Answer, AreaResult, Response, Result, Round

logger = logging.getLogger(__name__)


class RoundClosed(Exception):
    """The round is not open: nothing can be saved or submitted."""


class AlreadySubmitted(Exception):
    """A submitted response is final for its round."""


@dataclass
class Incomplete(Exception):
    """Submit refused: these pages (1-based) still have unanswered statements."""

    pages: list[tuple[int, Area, int]]  # (page number, area, unanswered count)


def response_start(*, round: Round, user) -> Response:
    """The person's response in this round, created on first visit. Safe to call twice."""
    try:
        with transaction.atomic():
            response, _ = Response.objects.get_or_create(round=round, user=user)
    except IntegrityError:
        response = Response.objects.get(round=round, user=user)
    return response


def _check_writable(response: Response) -> None:
    if response.is_submitted:
        raise AlreadySubmitted()
    if not response.round.is_open:
        raise RoundClosed()


def response_save_page(
    *,
    response: Response,
    area: Area,
    answers: dict[int, str],
    page: int,
) -> int:
    """Save the answers given on one page as a draft; return how many were saved.

    `answers` maps statement id to a value on the scale. A blank is simply not in
    `answers`: it never deletes an answer already saved.
    """
    _check_writable(response)
    statement_ids = set(area.statements.values_list("id", flat=True))
    clean = {sid: v for sid, v in answers.items() if sid in statement_ids and v in ANSWER_VALUES}
    with transaction.atomic():
        # Checked again on the row, which the update also locks: a response submitted
        # since it was loaded (another tab) is final, and a submit waits for this save.
        if not Response.objects.filter(pk=response.pk, status=Response.Status.DRAFT).update(
            last_page=page, updated_at=timezone.now()
        ):
            raise AlreadySubmitted()
        existing = {a.statement_id: a for a in Answer.objects.filter(response=response, statement_id__in=clean)}
        to_update = []
        for sid, value in clean.items():
            answer = existing.get(sid)
            if answer and answer.value != value:
                answer.value = value
                answer.updated_at = timezone.now()
                to_update.append(answer)
        Answer.objects.bulk_update(to_update, ["value", "updated_at"])
        Answer.objects.bulk_create(
            [Answer(response=response, statement_id=sid, value=v) for sid, v in clean.items() if sid not in existing],
            ignore_conflicts=True,  # a double click saving the same page twice
        )
    return len(clean)


def response_set_direction(*, response: Response, direction: Direction | None) -> None:
    """The person's preferred direction at the branched level (None: no preference)."""
    _check_writable(response)
    if not Response.objects.filter(pk=response.pk, status=Response.Status.DRAFT).update(
        preferred_direction=direction, updated_at=timezone.now()
    ):
        raise AlreadySubmitted()  # submitted since it was loaded
    response.preferred_direction = direction


def unanswered_pages(*, response: Response, structure: PathStructure) -> list[tuple[int, Area, int]]:
    answered = set(Answer.objects.filter(response=response).values_list("statement_id", flat=True))
    missing = []
    for page, area in enumerate(structure.areas, start=1):
        count = sum(1 for s in structure.statements[area.id] if s.id not in answered)
        if count:
            missing.append((page, area, count))
    return missing


def response_submit(*, response: Response, acting_user) -> Result:
    """Submit the response, score it and create the development plan.

    Idempotent: a second call (a double click) returns the result of the first.
    """
    if response.user_id != acting_user.pk:
        raise PermissionError("Only the respondent submits their response.")
    existing = Result.objects.filter(response=response).first()
    if existing:
        return existing
    if not response.round.is_open:
        raise RoundClosed()
    structure = path_structure(response.round.path_model_id)
    missing = unanswered_pages(response=response, structure=structure)
    if missing:
        raise Incomplete(missing)

    with transaction.atomic():
        # The conditional update is the claim: of two simultaneous submits, one wins.
        claimed = Response.objects.filter(pk=response.pk, status=Response.Status.DRAFT).update(
            status=Response.Status.SUBMITTED, submitted_at=timezone.now()
        )
        if not claimed:
            return Result.objects.get(response=response)
        response.refresh_from_db()
        result = _score(response, structure)
        plan_create_from_result(result=result, modules_by_step=modules_by_step(structure.model.code))
    logger.info(
        "response %s submitted by user %s: overall %s", response.pk, acting_user.pk, result.overall_label
    )
    return result


def score_answers(
    structure: PathStructure, values: dict[int, str], preferred_direction: str | None
) -> list[tuple[Area, AreaScore]]:
    """Each area of the model scored from answers (statement id -> scale value)."""
    scored = []
    for area in structure.areas:
        answers_by_track: dict[tuple[str, str | None], list[str]] = {}
        totals: dict[tuple[str, str | None], int] = {}
        for s in structure.statements[area.id]:
            key = (s.level.code, s.direction.code if s.direction else None)
            totals[key] = totals.get(key, 0) + 1
            if s.id in values:
                answers_by_track.setdefault(key, []).append(values[s.id])
        scored.append((area, score_area(structure.spec, answers_by_track, totals, preferred_direction)))
    return scored


def result_rows(
    *, response: Response, structure: PathStructure, scored: list[tuple[Area, AreaScore]]
) -> tuple[Result, list[AreaResult]]:
    """The (unsaved) result and area results of scored answers, frozen with the model version."""
    stage = overall_stage([s.ordinal for _, s in scored])
    result = Result(
        response=response,
        path_model=structure.model,
        threshold_percent=structure.model.threshold_percent,
        overall_stage=stage,
        overall_label=structure.label(stage),
    )
    rows = []
    for area, s in scored:
        next_level = structure.level_by_code(s.next_level) if s.next_level else None
        rows.append(
            AreaResult(
                result=result,
                area=area,
                area_code=area.code,
                ordinal=s.ordinal,
                label=structure.label(s.ordinal, s.reached_directions),
                level=structure.level_for_ordinal(s.ordinal),
                reached_directions=list(s.reached_directions),
                next_level=next_level,
                next_direction=structure.direction_by_code(next_level, s.next_direction)
                if s.next_direction
                else None,
                broaden_directions=list(s.broaden_directions),
                tracks=[t.as_dict() for t in s.tracks],
            )
        )
    return result, rows


def _score(response: Response, structure: PathStructure) -> Result:
    values = dict(Answer.objects.filter(response=response).values_list("statement_id", "value"))
    preferred = response.preferred_direction.code if response.preferred_direction_id else None
    result, rows = result_rows(response=response, structure=structure, scored=score_answers(structure, values, preferred))
    result.save()
    for row in rows:
        row.result = result  # set again now that the result has its id
    AreaResult.objects.bulk_create(rows)
    return result


def round_open(
    *,
    organisation,
    name: str,
    path_model,
    opens_on,
    closes_on,
    is_anonymous: bool,
    min_group_size: int,
    acting_user,
) -> Round:
    """Open a new mapping round for the organisation. A new round never touches old ones."""
    rnd = Round(
        organisation=organisation,
        name=name,
        path_model=path_model,
        opens_on=opens_on,
        closes_on=closes_on,
        is_anonymous=is_anonymous,
        min_group_size=min_group_size,
        created_by=acting_user,
    )
    rnd.full_clean()
    rnd.save()
    logger.info("round %s opened for organisation %s by user %s", rnd.pk, organisation.pk, acting_user.pk)
    return rnd


def round_close(*, round: Round, acting_user) -> bool:
    """Close the round now, before its closing date. Returns False if it was closed already.

    Drafts are kept and never become results; the survey pages refuse once it is closed.
    """
    closed = Round.objects.filter(pk=round.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    if closed:
        round.refresh_from_db(fields=["closed_at"])
        logger.info("round %s closed early by user %s", round.pk, acting_user.pk)
    return bool(closed)
