"""The REXVET badges as load_rexvet loads them: which issuers and classes, safe twice."""

from django.core.management import call_command

from badges.loading import badges_load
from badges.models import Assertion, BadgeClass, Issuer


def test_it_loads_one_badge_per_module_and_prior_learning_badges_per_organisation(rexvet_model, org, other_org):
    loaded = badges_load(path_model_code=rexvet_model.code)
    assert (loaded.issuers, loaded.classes) == (3, 12)
    assert sorted(Issuer.objects.values_list("slug", "organisation__slug")) == [
        ("enac", "enac"),
        ("kuressaare", "kuressaare"),
        ("rexvet", None),
    ]
    automatic = BadgeClass.objects.filter(rule=BadgeClass.Rule.MODULE_COMPLETED).order_by("module__code")
    assert [(c.slug, c.issuer.slug, c.module.code, c.name) for c in automatic] == [
        ("rexvet-module-1", "rexvet", "1", "REXVET Rookie: Getting started with international work"),
        ("rexvet-module-2-1", "rexvet", "2.1", "REXVET Advanced at home: Bringing the world into your school"),
        ("rexvet-module-2-2", "rexvet", "2.2", "REXVET Advanced abroad: Mobility and partnerships abroad"),
        ("rexvet-module-3", "rexvet", "3", "REXVET Expert: Leading international work in your organisation"),
    ]
    prior = BadgeClass.objects.filter(rule=BadgeClass.Rule.PRIOR_LEARNING, issuer__slug="kuressaare").order_by("module__code")
    assert [c.slug for c in prior] == [
        "kuressaare-module-1-prior-learning",
        "kuressaare-module-2-1-prior-learning",
        "kuressaare-module-2-2-prior-learning",
        "kuressaare-module-3-prior-learning",
    ]
    assert prior[0].name == "REXVET Rookie: Getting started with international work (recognised prior learning)"
    # The criteria list the module's outcomes, in words.
    assert "- Explain how Erasmus+ supports VET staff and learners" in prior[0].criteria
    assert automatic[0].tag_list == ["REXVET", "international skills", "vocational education", "Rookie"]


def test_loading_twice_changes_nothing_and_keeps_edits_of_slugs_out(rexvet_model, org):
    badges_load(path_model_code=rexvet_model.code)
    first = dict(BadgeClass.objects.values_list("slug", "pk"))
    BadgeClass.objects.filter(slug="rexvet-module-1").update(name="Renamed by mistake")
    again = badges_load(path_model_code=rexvet_model.code)
    assert (again.issuers, again.classes) == (2, 8)
    assert dict(BadgeClass.objects.values_list("slug", "pk")) == first
    assert BadgeClass.objects.get(slug="rexvet-module-1").name == "REXVET Rookie: Getting started with international work"


def test_demo_loads_two_awards_once_and_none_for_ulle(db):
    call_command("load_rexvet", "--demo", verbosity=0)
    call_command("load_rexvet", "--demo", verbosity=0)
    assert sorted(Assertion.objects.values_list("recipient__email", "badge_class__slug", "awarded_by__email")) == [
        ("juri.aijala@luovi.example", "luovi-module-1-prior-learning", "aino.makela@luovi.example"),
        ("tonu.koiv@kuressaare.example", "kuressaare-module-2-2-prior-learning", "kadri.tamm@kuressaare.example"),
    ]
    assert BadgeClass.objects.count() == 4 + 6 * 4
