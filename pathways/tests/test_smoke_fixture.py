def test_submitted_result_places_everyone_at_rookie(submitted_result):
    # Rookie all "yes" (6 of 6 = 100 %), Advanced "partly" (3 of 6 = 50 %) in every area.
    labels = sorted({ar.label for ar in submitted_result.areas.all()})
    assert labels == ["Rookie"]
    assert submitted_result.overall_stage == 1
