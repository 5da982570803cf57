"""Portable path models: one JSON document per version, byte-identical round trips, and an
import that checks the whole document first and writes nothing when anything is wrong."""

import copy
import json
from io import StringIO

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator

from pathways.loading import REXVET_MODEL
from pathways.models import Area, Descriptor, Direction, Level, PathModel, Statement
from pathways.portable import SCHEMA_PATH, ImportRefused, dumps, export_document, import_document, validate_document
from pathways.versioning import path_model_duplicate
from training.models import Module

SHIPPED = REXVET_MODEL.read_bytes()


def counts() -> dict[str, int]:
    return {
        "path models": PathModel.objects.count(),
        "levels": Level.objects.count(),
        "directions": Direction.objects.count(),
        "areas": Area.objects.count(),
        "descriptors": Descriptor.objects.count(),
        "statements": Statement.objects.count(),
        "modules": Module.objects.count(),
        "log entries": LogEntry.objects.count(),
    }


@pytest.fixture
def document(rexvet_model) -> dict:
    return export_document(rexvet_model)


# --- The document -----------------------------------------------------------------------


def test_export_of_rexvet_validates_against_the_shipped_schema(document):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert [e.message for e in Draft202012Validator(schema).iter_errors(document)] == []


def test_the_shipped_schema_refuses_a_database_id(document):
    # The schema is strict enough to fail: no field outside the format.
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    document["areas"][0]["statements"][0]["id"] = 17
    assert [e.message for e in Draft202012Validator(schema).iter_errors(document)] == [
        "Additional properties are not allowed ('id' was unexpected)"
    ]


def test_export_of_rexvet_equals_the_shipped_file_byte_for_byte(rexvet_model):
    assert dumps(export_document(rexvet_model)).encode("utf-8") == SHIPPED


def test_the_document_carries_no_ids_timestamps_or_status(document):
    assert set(document) == {
        "format", "format_version", "code", "name", "description", "threshold_percent", "levels", "areas", "modules"
    }
    assert (document["format"], document["format_version"], document["code"]) == ("rexvet-path-model", 1, "rexvet")
    assert {frozenset(lv) for lv in document["levels"]} == {frozenset({"code", "name", "order", "description", "directions"})}
    assert {frozenset(d) for lv in document["levels"] for d in lv["directions"]} == {
        frozenset({"code", "name", "short_name", "order", "description"})
    }
    assert {frozenset(a) for a in document["areas"]} == {
        frozenset({"code", "name", "short_name", "order", "description", "descriptors", "statements"})
    }
    assert {frozenset(d) for a in document["areas"] for d in a["descriptors"]} == {frozenset({"level", "direction", "text"})}
    assert {frozenset(s) for a in document["areas"] for s in a["statements"]} == {
        frozenset({"code", "level", "direction", "order", "text"})
    }
    assert {frozenset(m) for m in document["modules"]} == {frozenset({"code", "title", "level", "direction"})}
    assert [len(document["levels"]), len(document["areas"])] == [3, 6]
    assert sum(len(a["statements"]) for a in document["areas"]) == 72
    assert sum(len(a["descriptors"]) for a in document["areas"]) == 24


def test_the_text_has_sorted_keys_two_space_indent_and_one_trailing_newline(document):
    text = dumps(document)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert text.splitlines()[:3] == ["{", '  "areas": [', "    {"]
    assert text.endswith('\n  "threshold_percent": 80\n}\n')
    assert list(json.loads(text)) == sorted(document)


# --- Round trips ------------------------------------------------------------------------


def test_export_import_into_a_fresh_database_export_is_byte_identical(rexvet_model):
    first = dumps(export_document(rexvet_model))
    PathModel.objects.all().delete()
    Module.objects.all().delete()
    assert (PathModel.objects.count(), Statement.objects.count(), Module.objects.count()) == (0, 0, 0)

    model = import_document(json.loads(first))

    assert (model.code, model.version, model.status) == ("rexvet", 1, "draft")
    assert dumps(export_document(model)) == first
    assert Statement.objects.filter(area__path_model=model).count() == 72


def test_an_edited_version_with_non_ascii_text_round_trips(rexvet_model):
    draft = path_model_duplicate(path_model=rexvet_model, acting_user=None)
    language = Area.objects.get(path_model=draft, code="language")
    rookie = Level.objects.get(path_model=draft, code="rookie")
    Statement.objects.create(area=language, level=rookie, code="language-r0", order=0, text="I can say “kiitos” and “aitäh” …")
    first = dumps(export_document(draft))
    assert "“kiitos” and “aitäh” …" in first  # written as UTF-8, not \u escapes
    PathModel.objects.all().delete()

    again = dumps(export_document(import_document(json.loads(first))))

    assert again == first
    statements = json.loads(again)["areas"][2]["statements"]
    assert [s["code"] for s in statements[:2]] == ["language-r0", "language-r1"]


def test_the_modules_section_round_trips(document):
    assert document["modules"] == [
        {"code": "1", "direction": None, "level": "rookie", "title": "Getting started with international work"},
        {"code": "2.1", "direction": "at-home", "level": "advanced", "title": "Bringing the world into your school"},
        {"code": "2.2", "direction": "abroad", "level": "advanced", "title": "Mobility and partnerships abroad"},
        {"code": "3", "direction": None, "level": "expert", "title": "Leading international work in your organisation"},
    ]
    Module.objects.all().delete()
    document["modules"][3]["title"] = "Leading international work"

    import_document(document)

    assert list(Module.objects.order_by("code").values_list("path_model_code", "code", "title", "level_code", "direction_code")) == [
        ("rexvet", "1", "Getting started with international work", "rookie", ""),
        ("rexvet", "2.1", "Bringing the world into your school", "advanced", "at-home"),
        ("rexvet", "2.2", "Mobility and partnerships abroad", "advanced", "abroad"),
        ("rexvet", "3", "Leading international work", "expert", ""),
    ]


# --- Import -----------------------------------------------------------------------------


def test_import_creates_the_next_version_as_a_draft(document, rexvet_model, project_admin):
    model = import_document(document, acting_user=project_admin)

    assert (model.code, model.version, model.status, model.published_at) == ("rexvet", 2, "draft", None)
    assert Statement.objects.filter(area__path_model=model).count() == 72
    assert Descriptor.objects.filter(area__path_model=model).count() == 24
    assert Direction.objects.filter(level__path_model=model).count() == 2
    rexvet_model.refresh_from_db()
    assert rexvet_model.status == "published"
    entry = LogEntry.objects.get(object_id=str(model.pk))
    assert (entry.user, entry.action_flag, entry.change_message) == (project_admin, ADDITION, "Imported as version 2.")


def test_import_with_publish_publishes_the_new_version(document, rexvet_model):
    model = import_document(document, publish=True)
    assert (model.version, model.status) == (2, "published")
    assert model.published_at is not None


def test_import_of_a_document_with_three_errors_reports_all_three_and_writes_nothing(document):
    before = counts()
    document["areas"][3]["statements"][2]["level"] = "Advnced"
    document["areas"][1]["code"] = document["areas"][0]["code"]
    del document["areas"][5]["name"]

    with pytest.raises(ImportRefused) as refused:
        import_document(document, publish=True)

    assert refused.value.errors == [
        "areas[5]: 'name' is a required property",
        'areas[1].code: duplicate area code "eu-context"',
        'areas[3].statements[2].level: unknown level "Advnced"',
    ]
    assert counts() == before


def test_import_reports_each_reference_problem_with_its_location(document):
    before = counts()
    document["levels"][2]["order"] = 2
    document["levels"][1]["directions"][1]["order"] = 1
    document["areas"][0]["statements"][4]["direction"] = None
    document["areas"][0]["statements"][5]["direction"] = "overseas"
    document["areas"][0]["statements"][6]["code"] = "eu-context-r1"
    document["areas"][2]["descriptors"][1] = dict(document["areas"][2]["descriptors"][2])
    document["modules"][1]["direction"] = "nowhere"

    with pytest.raises(ImportRefused) as refused:
        import_document(document)

    assert refused.value.errors == [
        'levels[1].directions[1].order: order 1 is used by another direction',
        'levels[2].order: order 2 is also used by level "advanced"',
        'areas[0].statements[4].direction: level "advanced" has directions; name one of at-home, abroad',
        'areas[0].statements[5].direction: unknown direction "overseas" at level "advanced"',
        'areas[0].statements[6].code: duplicate statement code "eu-context-r1"',
        "areas[2].descriptors[2]: a second descriptor for the same level and direction",
        'modules[1].direction: name one of the directions of "advanced": at-home, abroad',
    ]
    assert counts() == before


@pytest.mark.parametrize(
    "spoil, errors",
    [
        (lambda d: d["areas"][0].update(code=["eu"]), ["areas[0].code: ['eu'] is not of type 'string'"]),
        (lambda d: d.update(areas=5), ["areas: 5 is not of type 'array'"]),
        (lambda d: d["levels"][0].update(directions=[{}]), [
            "levels[0].directions[0]: 'code' is a required property",
            "levels[0].directions[0]: 'name' is a required property",
            "levels[0].directions[0]: 'short_name' is a required property",
            "levels[0].directions[0]: 'order' is a required property",
            "levels[0].directions[0]: 'description' is a required property",
        ]),
        (lambda d: d.update(threshold_percent=0), ["threshold_percent: 0 is less than the minimum of 1"]),
        (lambda d: d.update(format_version=2), ["format_version: 1 was expected"]),
    ],
    ids=["list-as-code", "number-as-areas", "empty-direction", "threshold-0", "format-version-2"],
)
def test_import_of_a_document_of_the_wrong_shape_is_refused_not_crashed(document, spoil, errors):
    before = counts()
    spoil(document)
    with pytest.raises(ImportRefused) as refused:
        import_document(document)
    assert refused.value.errors == errors
    assert counts() == before


def test_import_of_something_that_is_not_an_object_is_refused(db):
    with pytest.raises(ImportRefused) as refused:
        import_document([])
    assert refused.value.errors == ["(document): [] is not of type 'object'"]


def test_import_with_publish_of_an_incomplete_model_writes_nothing(document):
    before = counts()
    area = document["areas"][0]
    area["statements"] = [s for s in area["statements"] if s["direction"] != "abroad"]

    with pytest.raises(ImportRefused) as refused:
        import_document(document, publish=True)

    assert refused.value.errors == [
        "The area “Knowledge of the EU and the European context” has no statements at Advanced (abroad)."
    ]
    assert counts() == before


def test_validate_document_finds_nothing_wrong_with_the_shipped_file(db):
    assert validate_document(json.loads(SHIPPED)) == []


# --- The management commands ------------------------------------------------------------


def test_export_command_writes_the_newest_published_version_to_a_file(rexvet_model, tmp_path):
    path_model_duplicate(path_model=rexvet_model, acting_user=None)  # a newer draft is not exported
    target = tmp_path / "rexvet.json"
    err = StringIO()

    call_command("export_path_model", "rexvet", "--output", str(target), stderr=err)

    assert target.read_bytes() == SHIPPED
    assert err.getvalue() == f"Wrote REXVET path model v1 (Published) to {target}\n"


def test_export_command_writes_to_standard_output(rexvet_model):
    out = StringIO()
    call_command("export_path_model", "rexvet", stdout=out)
    assert out.getvalue().encode("utf-8") == SHIPPED


def test_export_command_exports_a_named_draft_version(rexvet_model):
    draft = path_model_duplicate(path_model=rexvet_model, acting_user=None)
    Statement.objects.filter(area__path_model=draft, code="language-r1").update(text="I can say hello.")
    out = StringIO()
    call_command("export_path_model", "rexvet", "--model-version", "2", stdout=out)
    assert json.loads(out.getvalue())["areas"][2]["statements"][0]["text"] == "I can say hello."


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope"], "No such path model: nope (published)"),
        (["rexvet", "--model-version", "9"], "No such path model: rexvet version 9"),
    ],
)
def test_export_command_names_a_missing_model(rexvet_model, args, message):
    with pytest.raises(CommandError) as failed:
        call_command("export_path_model", *args)
    assert str(failed.value) == message


def test_import_command_imports_a_draft_then_a_published_version(rexvet_model, tmp_path):
    source = tmp_path / "rexvet.json"
    source.write_bytes(SHIPPED)
    out = StringIO()

    call_command("import_path_model", str(source), stdout=out)
    call_command("import_path_model", str(source), "--publish", stdout=out)

    assert out.getvalue() == "Imported REXVET path model v2 (Draft)\nImported REXVET path model v3 (Published)\n"
    assert list(PathModel.objects.order_by("version").values_list("version", "status")) == [
        (1, "published"), (2, "draft"), (3, "published")
    ]


def test_import_command_lists_every_problem_and_imports_nothing(document, tmp_path):
    document["areas"][3]["statements"][2]["level"] = "Advnced"
    document["areas"][1]["code"] = "eu-context"
    del document["areas"][5]["name"]
    source = tmp_path / "broken.json"
    source.write_text(dumps(document), encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError) as failed:
        call_command("import_path_model", str(source))

    assert str(failed.value) == (
        "3 problem(s); nothing was imported:\n"
        "  areas[5]: 'name' is a required property\n"
        '  areas[1].code: duplicate area code "eu-context"\n'
        '  areas[3].statements[2].level: unknown level "Advnced"'
    )
    assert counts() == before


def test_import_command_refuses_a_file_that_is_not_json(db, tmp_path):
    source = tmp_path / "notes.json"
    source.write_text("levels: rookie, advanced", encoding="utf-8")
    with pytest.raises(CommandError) as failed:
        call_command("import_path_model", str(source))
    assert str(failed.value) == f"Cannot read {source}: Expecting value: line 1 column 1 (char 0)"
    assert PathModel.objects.count() == 0


def test_a_copy_of_the_document_is_not_changed_by_import(document):
    # import_document reads the document; it does not fill in or strip anything.
    original = copy.deepcopy(document)
    import_document(document)
    assert document == original


def test_a_name_longer_than_the_database_column_is_refused_before_writing(document):
    document["levels"][0]["name"] = "R" * 101
    before = counts()
    with pytest.raises(ImportRefused) as refused:
        import_document(document)
    assert any(e.startswith("levels[0].name: ") for e in refused.value.errors)
    assert counts() == before


def test_importing_a_document_never_rewrites_existing_modules(document):
    document["modules"][0]["title"] = "A title from another installation"
    import_document(document)
    assert Module.objects.get(code="1").title != "A title from another installation"
    assert Module.objects.count() == 4
