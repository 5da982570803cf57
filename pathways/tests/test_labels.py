"""Level labels as shown on results and plans, on the real REXVET model."""

from pathways.selectors import path_structure


def test_it_labels_an_area_not_assessed(structure):
    assert structure.label(None) == "Not assessed"
    assert structure.label(None, ("at-home",)) == "Not assessed"


def test_it_labels_below_rookie_as_starting(structure):
    assert structure.label(0) == "Starting"


def test_it_labels_rookie(structure):
    assert structure.label(1) == "Rookie"


def test_it_labels_advanced_at_home(structure):
    assert structure.label(2, ("at-home",)) == "Advanced (at home)"


def test_it_labels_advanced_abroad(structure):
    assert structure.label(2, ("abroad",)) == "Advanced (abroad)"


def test_it_labels_advanced_in_both_directions_in_model_order(structure):
    assert structure.label(2, ("at-home", "abroad")) == "Advanced (at home and abroad)"
    assert structure.label(2, ["abroad", "at-home"]) == "Advanced (at home and abroad)"


def test_it_labels_expert_without_directions(structure):
    # Expert has no directions of its own: the Advanced directions are not repeated.
    assert structure.label(3) == "Expert"
    assert structure.label(3, ("at-home",)) == "Expert"


def test_it_names_the_ordinals(structure):
    assert structure.ordinal_names() == ["Starting", "Rookie", "Advanced", "Expert"]


def test_the_rexvet_structure_has_three_levels_and_six_areas(structure):
    assert [lv.code for lv in structure.levels] == ["rookie", "advanced", "expert"]
    assert [d.code for d in structure.directions[structure.levels[1].id]] == ["at-home", "abroad"]
    assert len(structure.areas) == 6
    assert structure.spec.threshold_percent == 80


def test_path_structure_runs_in_six_queries(rexvet_model, django_assert_num_queries):
    # The model, levels, directions, areas, statements, descriptors.
    with django_assert_num_queries(6):
        structure = path_structure(rexvet_model.pk)
    # Reading statements' levels and directions afterwards costs nothing more.
    with django_assert_num_queries(0):
        pairs = [(s.level.code, s.direction and s.direction.code) for ss in structure.statements.values() for s in ss]
    assert len(pairs) == 72  # 6 areas x (3 rookie + 3 at home + 3 abroad + 3 expert)
    assert len(structure.descriptors) == 24


def test_path_structure_of_a_fetched_model_runs_in_five_queries(rexvet_model, django_assert_num_queries):
    with django_assert_num_queries(5):
        path_structure(rexvet_model)
