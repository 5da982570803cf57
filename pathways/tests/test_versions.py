"""Versions of the path model in admin: published versions stay as they are, drafts are
duplicated, checked and published, results keep the version they were scored with."""

from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from mapping.models import Answer, AreaResult, Result, Round
from mapping.services import response_start, response_submit
from pathways.models import Area, Descriptor, Direction, Level, PathModel, Statement
from pathways.selectors import path_structure
from pathways.versioning import PublishRefused, path_model_duplicate, path_model_problems, path_model_publish
from rexvet.testing.factories import RoundFactory
from rexvet.testing.plugin import answer_everything

CHANGELIST = "/admin/pathways/pathmodel/"


@pytest.fixture
def admin_client_(client, project_admin):
    client.force_login(project_admin)
    return client


@pytest.fixture
def draft(rexvet_model):
    """REXVET version 2, a draft copy of the published version 1."""
    return path_model_duplicate(path_model=rexvet_model, acting_user=None)


def run_action(client, action: str, *models, follow: bool = True):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [m.pk for m in models], "index": "0"},
        follow=follow,
    )


def page_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


class _FormInputs(HTMLParser):
    """What a browser would post from one form of a page, as (name, value) pairs."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.pairs.append((name, a.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.pairs.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the newline that follows <textarea>.
            text = "".join(self._text)
            self.pairs.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(html: str, form_id: str) -> dict[str, list[str]]:
    parser = _FormInputs(form_id)
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    return data


def codes(model: PathModel) -> dict[str, list]:
    return {
        "levels": list(Level.objects.filter(path_model=model).order_by("order").values_list("code", "order")),
        "directions": list(
            Direction.objects.filter(level__path_model=model)
            .order_by("level__order", "order")
            .values_list("level__code", "code", "short_name")
        ),
        "areas": list(Area.objects.filter(path_model=model).order_by("order").values_list("code", "order")),
        "descriptors": sorted(
            Descriptor.objects.filter(area__path_model=model).values_list("area__code", "level__code", "direction__code", "text")
        ),
        "statements": sorted(
            Statement.objects.filter(area__path_model=model).values_list(
                "area__code", "code", "level__code", "direction__code", "order", "text"
            )
        ),
    }


# --- A published version is read-only --------------------------------------------------


def test_editing_a_published_version_through_admin_is_refused(admin_client_, rexvet_model):
    url = f"/admin/pathways/pathmodel/{rexvet_model.pk}/change/"
    posted = admin_client_.post(
        url,
        {
            "code": "rexvet", "name": "Renamed", "version": "1", "threshold_percent": "50", "description": "",
            "levels-TOTAL_FORMS": "0", "levels-INITIAL_FORMS": "0",
            "areas-TOTAL_FORMS": "0", "areas-INITIAL_FORMS": "0",
        },
    )
    assert posted.status_code == 403
    rexvet_model.refresh_from_db()
    assert (rexvet_model.name, rexvet_model.threshold_percent, rexvet_model.status) == ("REXVET path model", 80, "published")
    assert not LogEntry.objects.filter(object_id=str(rexvet_model.pk), action_flag=CHANGE).exists()


def test_an_area_of_a_published_version_cannot_get_a_statement_through_admin(admin_client_, rexvet_model):
    area = Area.objects.get(path_model=rexvet_model, code="language")
    rookie = Level.objects.get(path_model=rexvet_model, code="rookie")
    posted = admin_client_.post(
        f"/admin/pathways/area/{area.pk}/change/",
        {
            "code": "language", "name": "Language", "short_name": "Language", "order": "3", "description": "",
            "descriptors-TOTAL_FORMS": "0", "descriptors-INITIAL_FORMS": "0",
            "statements-TOTAL_FORMS": "1", "statements-INITIAL_FORMS": "0",
            "statements-0-level": str(rookie.pk), "statements-0-order": "4",
            "statements-0-code": "language-r4", "statements-0-text": "I can sneak in.",
        },
    )
    assert posted.status_code == 403
    assert Statement.objects.filter(area=area).count() == 12
    assert Area.objects.get(pk=area.pk).name == "Language and communication"


# --- Duplicate, change, publish; results keep their version -----------------------------


def test_duplicate_as_draft_copies_everything_with_the_same_codes(admin_client_, rexvet_model, project_admin):
    page = run_action(admin_client_, "duplicate_as_draft", rexvet_model)

    assert page_messages(page) == ["Created draft version 2 of REXVET path model."]
    copy = PathModel.objects.get(code="rexvet", version=2)
    assert (copy.status, copy.name, copy.threshold_percent, copy.published_at) == ("draft", "REXVET path model", 80, None)
    assert Level.objects.filter(path_model=copy).count() == 3
    assert Direction.objects.filter(level__path_model=copy).count() == 2
    assert Area.objects.filter(path_model=copy).count() == 6
    assert Descriptor.objects.filter(area__path_model=copy).count() == 24
    assert Statement.objects.filter(area__path_model=copy).count() == 72
    assert codes(copy) == codes(rexvet_model)
    # A copy, not the same rows: version 1 keeps its own.
    assert not Statement.objects.filter(area__path_model=copy, level__path_model=rexvet_model).exists()
    assert not Statement.objects.filter(area__path_model=copy, direction__level__path_model=rexvet_model).exists()
    assert Statement.objects.filter(area__path_model=rexvet_model).count() == 72

    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(PathModel), object_id=str(copy.pk))
    assert (entry.user, entry.action_flag, entry.change_message) == (project_admin, ADDITION, "Duplicated from version 1.")


def test_duplicate_then_publish_leaves_old_results_on_the_old_version(
    admin_client_, rexvet_model, submitted_result, staff, org, project_admin
):
    v1_areas = {a.code: a.pk for a in Area.objects.filter(path_model=rexvet_model)}
    run_action(admin_client_, "duplicate_as_draft", rexvet_model)
    v2 = PathModel.objects.get(code="rexvet", version=2)
    language = Area.objects.get(path_model=v2, code="language")
    rookie = Level.objects.get(path_model=v2, code="rookie")
    Statement.objects.create(area=language, level=rookie, code="language-r4", order=4, text="I can spell my name on the phone.")

    page = run_action(admin_client_, "publish", v2)

    assert page_messages(page) == ["Published version 2 of REXVET path model."]
    v2.refresh_from_db()
    assert v2.status == "published" and v2.published_at is not None
    entry = LogEntry.objects.get(object_id=str(v2.pk), action_flag=CHANGE)
    assert (entry.user, entry.change_message) == (project_admin, "Published version 2.")
    rexvet_model.refresh_from_db()
    assert rexvet_model.status == "published"
    assert Statement.objects.filter(area__path_model=rexvet_model).count() == 72
    assert Statement.objects.filter(area__path_model=v2).count() == 73

    # The result submitted on version 1 still points at version 1, with its labels.
    old = Result.objects.get(pk=submitted_result.pk)
    assert old.path_model_id == rexvet_model.pk
    assert {ar.area_code: (ar.area_id, ar.label) for ar in old.areas.all()} == {
        code: (pk, "Rookie") for code, pk in v1_areas.items()
    }
    assert {ar.level.path_model_id for ar in old.areas.all()} == {rexvet_model.pk}

    # A new round on version 2 scores with version 2: the added statement counts.
    new_round = RoundFactory(organisation=org, path_model=v2, name="Kuressaare mapping 2027")
    new_round.full_clean()
    response = response_start(round=new_round, user=staff)
    answer_everything(
        response,
        path_structure(v2),
        lambda s: "not_yet" if s.code == "language-r4" else ("yes" if s.level.code == "rookie" else "partly"),
    )
    result = response_submit(response=response, acting_user=staff)
    assert result.path_model_id == v2.pk
    assert response.answers.count() == 73
    labels = {ar.area_code: ar.label for ar in result.areas.all()}
    # Rookie in language: 3 yes and 1 not yet = 6 of 8 points = 75 %, below the 80 % threshold.
    assert labels == {
        "eu-context": "Rookie", "vet-systems": "Rookie", "language": "Starting",
        "multicultural": "Rookie", "projects": "Rookie", "strategy": "Rookie",
    }
    language_rookie = next(t for t in result.areas.get(area_code="language").tracks if t["level"] == "rookie")
    assert (language_rookie["score"], language_rookie["max"], language_rookie["total"]) == (6, 8, 4)
    assert set(AreaResult.objects.filter(result=result).values_list("area__path_model", flat=True)) == {v2.pk}


# --- Publish checks the draft first -----------------------------------------------------


@pytest.fixture
def broken_draft(db):
    """A small draft with an area lacking Advanced (abroad) statements and an empty statement."""
    model = PathModel.objects.create(code="mini", name="Mini model", version=1)
    rookie = Level.objects.create(path_model=model, code="rookie", name="Rookie", order=1)
    advanced = Level.objects.create(path_model=model, code="advanced", name="Advanced", order=2)
    at_home = Direction.objects.create(level=advanced, code="at-home", name="At home", short_name="at home", order=1)
    abroad = Direction.objects.create(level=advanced, code="abroad", name="Abroad", short_name="abroad", order=2)
    alpha = Area.objects.create(path_model=model, code="alpha", name="Alpha", short_name="Alpha", order=1)
    beta = Area.objects.create(path_model=model, code="beta", name="Beta", short_name="Beta", order=2)
    Statement.objects.create(area=alpha, level=rookie, code="alpha-r1", order=1, text="I can alpha.")
    Statement.objects.create(area=alpha, level=advanced, direction=at_home, code="alpha-h1", order=1, text="I can at home.")
    # (no Advanced (abroad) statement in Alpha)
    Statement.objects.create(area=beta, level=rookie, code="beta-r1", order=1, text="   ")
    Statement.objects.create(area=beta, level=advanced, direction=at_home, code="beta-h1", order=1, text="I can at home.")
    Statement.objects.create(area=beta, level=advanced, direction=abroad, code="beta-a1", order=1, text="I can abroad.")
    return model


def test_a_complete_draft_has_no_problems(draft):
    assert path_model_problems(draft) == []


def test_publish_lists_each_problem_of_the_draft(broken_draft):
    # The database refuses a threshold outside 1..100 (CheckConstraint
    # pathmodel_threshold_1_100, asserted below), so a threshold of 150 can only
    # exist on an unsaved instance, e.g. one built from a form or a document. The check
    # reads the instance, and everything else from the database.
    broken_draft.threshold_percent = 150

    with pytest.raises(PublishRefused) as refused:
        path_model_publish(path_model=broken_draft, acting_user=None)

    assert refused.value.problems == [
        "The threshold must be a whole percentage from 1 to 100 (it is 150).",
        "The area “Alpha” has no statements at Advanced (abroad).",
        "A statement in “Beta” (code beta-r1) is empty.",
    ]
    assert PathModel.objects.get(pk=broken_draft.pk).status == "draft"


@pytest.mark.parametrize("threshold", [0, 150, 80.5])
def test_threshold_must_be_a_whole_percentage_from_1_to_100(broken_draft, threshold):
    broken_draft.threshold_percent = threshold
    assert path_model_problems(broken_draft)[0] == (
        f"The threshold must be a whole percentage from 1 to 100 (it is {threshold})."
    )


@pytest.mark.parametrize("threshold", [0, 150])
def test_database_refuses_a_threshold_outside_1_to_100(broken_draft, threshold):
    with pytest.raises(IntegrityError), transaction.atomic():
        PathModel.objects.filter(pk=broken_draft.pk).update(threshold_percent=threshold)


def test_publish_lists_repeated_level_area_and_direction_orders(draft):
    Level.objects.filter(path_model=draft, code="expert").update(order=2)
    Area.objects.filter(path_model=draft, code="language").update(order=1)
    Direction.objects.filter(level__path_model=draft, code="abroad").update(order=1)
    assert path_model_problems(draft) == [
        "More than one level has the order 2.",
        "More than one competence area has the order 1.",
        "More than one direction of Advanced has the order 1.",
    ]


def test_admin_swaps_the_order_of_two_levels_and_two_areas_in_one_save(admin_client_, draft):
    url = f"/admin/pathways/pathmodel/{draft.pk}/change/"
    data = form_data(admin_client_.get(url).content.decode(), "pathmodel_form")
    assert (data["levels-1-order"], data["levels-2-order"]) == (["2"], ["3"])
    data["levels-1-order"], data["levels-2-order"] = ["3"], ["2"]
    assert (data["areas-0-order"], data["areas-1-order"]) == (["1"], ["2"])
    data["areas-0-order"], data["areas-1-order"] = ["2"], ["1"]

    page = admin_client_.post(url, data)

    assert page.status_code == 302
    assert list(Level.objects.filter(path_model=draft).order_by("order").values_list("code", flat=True)) == [
        "rookie", "expert", "advanced"
    ]
    assert list(Area.objects.filter(path_model=draft).order_by("order").values_list("code", flat=True))[:2] == [
        "vet-systems", "eu-context"
    ]


def test_an_area_with_shared_statements_at_a_branched_level_is_a_problem(draft):
    area = Area.objects.get(path_model=draft, code="strategy")
    advanced = Level.objects.get(path_model=draft, code="advanced")
    Statement.objects.create(area=area, level=advanced, code="strategy-x", order=9, text="I can do both.")
    assert path_model_problems(draft) == [
        "The area “Linking international work to the organisation's strategy and curriculum” "
        "has statements at Advanced without a direction."
    ]


def test_a_model_without_levels_or_areas_cannot_be_published(db):
    empty = PathModel.objects.create(code="empty", name="Empty", version=1)
    assert path_model_problems(empty) == ["The model has no levels.", "The model has no competence areas."]


def test_the_publish_action_shows_every_problem_and_publishes_nothing(admin_client_, broken_draft):
    page = run_action(admin_client_, "publish", broken_draft)

    assert page_messages(page) == [
        "Version 1 of Mini model was not published: <ul>"
        "<li>The area “Alpha” has no statements at Advanced (abroad).</li>"
        "<li>A statement in “Beta” (code beta-r1) is empty.</li></ul>"
    ]
    broken_draft.refresh_from_db()
    assert (broken_draft.status, broken_draft.published_at) == ("draft", None)
    assert not LogEntry.objects.filter(object_id=str(broken_draft.pk)).exists()


def test_publishing_a_published_version_again_is_refused(rexvet_model):
    with pytest.raises(PublishRefused) as refused:
        path_model_publish(path_model=rexvet_model, acting_user=None)
    assert refused.value.problems == ["This version is already published."]


# --- Rounds pin published versions only --------------------------------------------------


def test_a_round_cannot_pin_a_draft(draft, org):
    rnd = Round(organisation=org, name="Draft round", path_model=draft, opens_on="2026-03-01", closes_on="2026-03-31")
    with pytest.raises(ValidationError) as invalid:
        rnd.full_clean()
    # Once from the field's limit_choices_to, once from Round.clean().
    assert invalid.value.message_dict == {
        "path_model": [
            f"path model version instance with id {draft.pk} is not a valid choice.",
            "A round can only use a published path-model version.",
        ]
    }


def test_a_round_on_a_published_version_is_valid(rexvet_model, org):
    Round(organisation=org, name="Round", path_model=rexvet_model, opens_on="2026-03-01", closes_on="2026-03-31").full_clean()


def test_round_admin_offers_only_published_versions(admin_client_, rexvet_model, draft, org):
    page = admin_client_.get("/admin/mapping/round/add/")
    field = page.context["adminform"].form.fields["path_model"]
    assert list(field.queryset) == [rexvet_model]
    html = page.content.decode()
    assert f'<option value="{rexvet_model.pk}">REXVET path model v1 (Published)</option>' in html
    assert f'<option value="{draft.pk}"' not in html

    posted = admin_client_.post(
        "/admin/mapping/round/add/",
        {
            "organisation": org.pk, "name": "Sneaky", "path_model": draft.pk,
            "opens_on": "2026-03-01", "closes_on": "2026-03-31", "min_group_size": "5",
        },
    )
    assert posted.status_code == 200
    assert posted.context["adminform"].form.errors["path_model"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Round.objects.filter(name="Sneaky").exists()


# --- Deletion never orphans data --------------------------------------------------------


def test_deleting_a_used_area_through_admin_is_refused_with_a_message(admin_client_, submitted_result):
    area = Area.objects.get(path_model=submitted_result.path_model, code="language")
    assert AreaResult.objects.filter(area=area).count() == 1

    page = admin_client_.post(f"/admin/pathways/area/{area.pk}/delete/", {"post": "yes"}, follow=True)

    assert page.redirect_chain == [(f"/admin/pathways/area/{area.pk}/change/", 302)]
    assert page_messages(page) == [
        "“Language and communication” belongs to a published path-model version, which results and rounds "
        "point at: it cannot be deleted. Duplicate the version as a new draft to change it."
    ]
    assert Area.objects.filter(pk=area.pk).exists()
    assert Statement.objects.filter(area=area).count() == 12


def test_deleting_a_used_area_in_the_orm_is_protected(submitted_result):
    area = Area.objects.get(path_model=submitted_result.path_model, code="language")
    with pytest.raises(ProtectedError) as protected:
        area.delete()
    kinds = {type(obj).__name__ for obj in protected.value.protected_objects}
    assert {"AreaResult", "Answer", "PlanItem"} <= kinds
    assert Area.objects.filter(pk=area.pk).exists()


def test_admin_shows_protected_objects_rather_than_a_500_when_a_draft_area_is_used(
    admin_client_, draft, staff, org
):
    # Rounds pin published versions, so this only happens to a round made outside the
    # admin (the ORM does not call clean()). The admin must still refuse, not crash.
    rnd = RoundFactory(organisation=org, path_model=draft)
    response = response_start(round=rnd, user=staff)
    area = Area.objects.get(path_model=draft, code="language")
    Answer.objects.create(response=response, statement=area.statements.first(), value="yes")

    page = admin_client_.post(f"/admin/pathways/area/{area.pk}/delete/", {"post": "yes"})

    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in page.content.decode()
    assert Area.objects.filter(pk=area.pk).exists()


def test_a_draft_without_answers_can_be_deleted_through_admin(admin_client_, draft, rexvet_model):
    assert Statement.objects.filter(area__path_model=draft).count() == 72

    page = admin_client_.post(f"/admin/pathways/pathmodel/{draft.pk}/delete/", {"post": "yes"}, follow=True)

    assert page.redirect_chain == [(CHANGELIST, 302)]
    assert not PathModel.objects.filter(pk=draft.pk).exists()
    assert Statement.objects.filter(area__path_model_id=draft.pk).count() == 0
    assert Area.objects.filter(path_model_id=draft.pk).count() == 0
    assert Level.objects.filter(path_model_id=draft.pk).count() == 0
    assert Statement.objects.count() == 72  # version 1's, untouched


def test_a_published_version_cannot_be_deleted_through_admin(admin_client_, rexvet_model):
    page = admin_client_.post(f"/admin/pathways/pathmodel/{rexvet_model.pk}/delete/", {"post": "yes"}, follow=True)
    assert page.redirect_chain == [(f"/admin/pathways/pathmodel/{rexvet_model.pk}/change/", 302)]
    assert "cannot be deleted" in page_messages(page)[0]
    assert PathModel.objects.filter(pk=rexvet_model.pk).exists()


# --- Renumbering ------------------------------------------------------------------------


def test_renumber_numbers_a_drafts_statements_1_to_n_per_track(admin_client_, draft, project_admin):
    language = Area.objects.get(path_model=draft, code="language")
    # Gaps and a jumbled start, as after some edits: the relative order is kept.
    for code, order in {"language-r1": 10, "language-r2": 20, "language-r3": 15, "language-e1": 40}.items():
        Statement.objects.filter(area=language, code=code).update(order=order)
    Area.objects.filter(path_model=draft, code="eu-context").update(order=70)

    page = run_action(admin_client_, "renumber", draft)

    assert page_messages(page) == [f"Renumbered {draft}."]
    assert list(
        Statement.objects.filter(area=language).order_by("level__order", "direction__order", "order").values_list("code", "order")
    ) == [
        ("language-r1", 1), ("language-r3", 2), ("language-r2", 3),
        ("language-h1", 1), ("language-h2", 2), ("language-h3", 3),
        ("language-a1", 1), ("language-a2", 2), ("language-a3", 3),
        ("language-e2", 1), ("language-e3", 2), ("language-e1", 3),
    ]
    assert list(Area.objects.filter(path_model=draft).order_by("order").values_list("code", "order")) == [
        ("vet-systems", 1), ("language", 2), ("multicultural", 3), ("projects", 4), ("strategy", 5), ("eu-context", 6),
    ]
    entry = LogEntry.objects.get(object_id=str(draft.pk), action_flag=CHANGE)
    assert (entry.user, entry.change_message) == (project_admin, "Renumbered areas and statements.")


def test_renumber_leaves_a_published_version_alone(admin_client_, rexvet_model):
    page = run_action(admin_client_, "renumber", rexvet_model)
    assert page_messages(page) == [f"{rexvet_model} is published and keeps its numbering."]
    language = Area.objects.get(path_model=rexvet_model, code="language")
    assert list(Statement.objects.filter(area=language).values_list("order", flat=True)) == list(range(1, 13))


# --- History ----------------------------------------------------------------------------


def test_history_shows_old_and_new_values_of_a_drafts_change(admin_client_, draft, project_admin):
    url = f"/admin/pathways/pathmodel/{draft.pk}/change/"
    data = form_data(admin_client_.get(url).content.decode(), "pathmodel_form")
    assert data["name"] == ["REXVET path model"] and data["threshold_percent"] == ["80"]
    assert data["levels-TOTAL_FORMS"] == ["4"] and data["areas-TOTAL_FORMS"] == ["7"]  # one empty extra row each
    data["name"] = ["REXVET path model 2027"]
    data["threshold_percent"] = ["75"]

    saved = admin_client_.post(url, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    draft.refresh_from_db()
    assert (draft.name, draft.threshold_percent) == ("REXVET path model 2027", 75)
    assert Level.objects.filter(path_model=draft).count() == 3  # the empty extra rows added nothing
    assert Area.objects.filter(path_model=draft).count() == 6
    entry = LogEntry.objects.get(object_id=str(draft.pk), action_flag=CHANGE)
    assert entry.user == project_admin
    assert entry.change_message == "Name: REXVET path model → REXVET path model 2027; Threshold (%): 80 → 75"

    history = admin_client_.get(f"/admin/pathways/pathmodel/{draft.pk}/history/").content.decode()
    assert "Name: REXVET path model → REXVET path model 2027; Threshold (%): 80 → 75" in history
    assert "Admin" in history


def test_history_shows_duplicate_and_publish_with_the_acting_user(admin_client_, rexvet_model, project_admin):
    run_action(admin_client_, "duplicate_as_draft", rexvet_model)
    v2 = PathModel.objects.get(code="rexvet", version=2)
    run_action(admin_client_, "publish", v2)

    entries = list(
        LogEntry.objects.filter(object_id=str(v2.pk)).order_by("action_time").values_list("user", "action_flag", "change_message")
    )
    assert entries == [
        (project_admin.pk, ADDITION, "Duplicated from version 1."),
        (project_admin.pk, CHANGE, "Published version 2."),
    ]
    history = admin_client_.get(f"/admin/pathways/pathmodel/{v2.pk}/history/").content.decode()
    assert "Duplicated from version 1." in history
    assert "Published version 2." in history
