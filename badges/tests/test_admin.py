"""Project admins edit issuers and badge classes; awarded badges are read-only, never
deleted, only revoked with a reason; anything in use says why it cannot be deleted."""

import pytest

from badges.models import Assertion, BadgeClass, BadgeEvent, Issuer
from badges.services import badge_award

from .conftest import CRITERIA_MET

ADMIN = "/admin/badges/"


@pytest.fixture
def admin_client(client, project_admin):
    client.force_login(project_admin)
    return client


def messages_of(reply) -> list[str]:
    return [str(m) for m in reply.context["messages"]] if reply.context else []


def class_form(badge_class: BadgeClass, **changes) -> dict:
    data = {
        "slug": badge_class.slug, "is_active": "on" if badge_class.is_active else "", "issuer": badge_class.issuer_id,
        "rule": badge_class.rule, "module": badge_class.module_id, "name": badge_class.name,
        "description": badge_class.description, "criteria": badge_class.criteria, "tags": badge_class.tags,
        "valid_for_days": badge_class.valid_for_days or "",
    }
    data.update(changes)
    return data


def test_the_lists_open(admin_client, award):
    for page in ("issuer/", "badgeclass/", "assertion/", f"assertion/{award.pk}/change/", f"badgeclass/{award.badge_class_id}/change/"):
        assert admin_client.get(ADMIN + page).status_code == 200, page


def test_the_badge_class_list_shows_rule_issuer_module_and_how_many_were_awarded(admin_client, award, module_badge):
    reply = admin_client.get(ADMIN + "badgeclass/", {"rule__exact": "module-completed"})

    shown = list(reply.context["cl"].result_list)
    assert [c.slug for c in shown] == ["rexvet-module-1", "rexvet-module-2-1", "rexvet-module-2-2", "rexvet-module-3"]
    assert [c.assertion_total for c in shown] == [1, 0, 0, 0]


def test_a_class_without_awards_can_be_edited_slug_and_all(admin_client, badge_classes):
    unused = badge_classes.get(slug="rexvet-module-3")

    reply = admin_client.post(ADMIN + f"badgeclass/{unused.pk}/change/", class_form(unused, slug="rexvet-expert", valid_for_days="730"))

    assert reply.status_code == 302
    unused.refresh_from_db()
    assert (unused.slug, unused.valid_for_days) == ("rexvet-expert", 730)


def test_the_slug_of_a_class_with_awards_is_read_only(admin_client, award, module_badge):
    page = admin_client.get(ADMIN + f"badgeclass/{module_badge.pk}/change/")
    reply = admin_client.post(
        ADMIN + f"badgeclass/{module_badge.pk}/change/", class_form(module_badge, slug="renamed", name="REXVET Rookie")
    )

    assert 'name="slug"' not in page.content.decode()
    assert reply.status_code == 302
    module_badge.refresh_from_db()
    assert (module_badge.slug, module_badge.name) == ("rexvet-module-1", "REXVET Rookie")


def test_a_class_with_awards_cannot_be_deleted_and_the_admin_says_why(admin_client, award, module_badge):
    reply = admin_client.post(ADMIN + f"badgeclass/{module_badge.pk}/delete/", {"post": "yes"}, follow=True)

    assert reply.status_code == 200
    assert messages_of(reply) == [
        f"The badge class “{module_badge.name}” cannot be deleted: 1 badge of it has been awarded, and anyone "
        "who checks that badge fetches the class. Untick “can be awarded” to stop awarding it."
    ]
    assert BadgeClass.objects.filter(pk=module_badge.pk).exists()


def test_the_delete_action_refuses_classes_in_use_and_deletes_the_others(admin_client, award, module_badge, badge_classes):
    unused = badge_classes.get(slug="rexvet-module-3")
    changelist = ADMIN + "badgeclass/"

    # A mixed selection: the class in use is refused with its reason, the other one goes on
    # to Django's own "are you sure?" page, alone (a newcomer found that nothing was deleted).
    mixed = admin_client.post(changelist, {"action": "delete_unused", "_selected_action": [module_badge.pk, unused.pk]})
    assert mixed.status_code == 200
    assert "cannot be deleted: 1 badge of it has been awarded" in " ".join(messages_of(mixed))
    assert [o.pk for o in mixed.context["queryset"]] == [unused.pk]
    assert BadgeClass.objects.filter(pk__in=[module_badge.pk, unused.pk]).count() == 2

    only_used = admin_client.post(changelist, {"action": "delete_unused", "_selected_action": [module_badge.pk]})
    assert only_used.status_code == 302
    admin_client.post(changelist, {"action": "delete_unused", "_selected_action": [unused.pk], "post": "yes"})
    assert not BadgeClass.objects.filter(pk=unused.pk).exists()
    assert BadgeClass.objects.filter(pk=module_badge.pk).exists()


def test_an_issuer_with_classes_cannot_be_deleted(admin_client, module_badge):
    issuer = module_badge.issuer

    reply = admin_client.post(ADMIN + f"issuer/{issuer.pk}/delete/", {"post": "yes"}, follow=True)

    assert "The issuer “REXVET partnership” cannot be deleted: it has 4 badge classes." in " ".join(messages_of(reply))
    assert Issuer.objects.filter(pk=issuer.pk).exists()


def test_awarded_badges_are_read_only_and_never_deleted(admin_client, award):
    change = admin_client.get(ADMIN + f"assertion/{award.pk}/change/")
    html = change.content.decode()

    assert 'name="recipient_hash"' not in html and 'name="narrative"' not in html
    assert award.recipient_hash in html  # shown, not editable
    assert admin_client.post(ADMIN + f"assertion/{award.pk}/change/", {"narrative": "Changed"}).status_code == 403
    assert admin_client.get(ADMIN + "assertion/add/").status_code == 403
    assert admin_client.post(ADMIN + f"assertion/{award.pk}/delete/", {"post": "yes"}).status_code == 403
    award.refresh_from_db()
    assert award.narrative == ""
    # The audit log is shown with it, read-only.
    assert "Awarded" in html


def test_the_assertion_list_searches_by_email_and_filters_by_status(admin_client, award, module_badge, colleague, org, coordinator):
    other = badge_award(recipient=colleague, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET).assertion
    from badges.services import badge_revoke

    badge_revoke(assertion=other, reason="Mistake.", acting_user=coordinator)

    found = admin_client.get(ADMIN + "assertion/", {"q": "ULLE@kuressaare"})
    revoked = admin_client.get(ADMIN + "assertion/", {"status": "revoked"})
    valid = admin_client.get(ADMIN + "assertion/", {"status": "valid"})

    assert [a.pk for a in found.context["cl"].result_list] == [award.pk]
    assert [a.pk for a in revoked.context["cl"].result_list] == [other.pk]
    assert [a.pk for a in valid.context["cl"].result_list] == [award.pk]


def test_revoke_selected_asks_for_a_reason_then_revokes_with_it(admin_client, award, project_admin):
    changelist = ADMIN + "assertion/"
    chosen = {"action": "revoke_selected", "_selected_action": [award.pk]}

    ask = admin_client.post(changelist, chosen)
    assert ask.status_code == 200
    assert "These badges will be revoked." in ask.content.decode()

    empty = admin_client.post(changelist, {**chosen, "apply": "yes", "reason": "  "})
    assert empty.status_code == 200
    assert "This field is required." in empty.content.decode()
    award.refresh_from_db()
    assert award.revoked_at is None

    done = admin_client.post(changelist, {**chosen, "apply": "yes", "reason": "Awarded by mistake."}, follow=True)
    assert "1 badge was revoked." in messages_of(done)
    award.refresh_from_db()
    assert (award.revocation_reason, award.revoked_by) == ("Awarded by mistake.", project_admin)
    assert list(BadgeEvent.objects.filter(action="revoked").values_list("actor_id", "note")) == [(project_admin.pk, "Awarded by mistake.")]


def test_people_who_are_not_project_admins_have_no_badge_admin(client, coordinator, award):
    client.force_login(coordinator)
    reply = client.get(ADMIN + "assertion/")
    assert reply.status_code == 302
    assert reply["Location"].startswith("/admin/login/")
    assert Assertion.objects.get().revoked_at is None


def test_revoke_selected_says_which_were_revoked_already(admin_client, award, prior_learning_badge, colleague, org, coordinator):
    from badges.services import badge_award, badge_revoke

    earlier = badge_award(recipient=colleague, badge_class=prior_learning_badge, organisation=org, issued_on=award.issued_on).assertion
    badge_revoke(assertion=earlier, reason="First reason.", acting_user=coordinator)
    done = admin_client.post(
        ADMIN + "assertion/",
        {"action": "revoke_selected", "_selected_action": [award.pk, earlier.pk], "apply": "yes", "reason": "Second reason."},
        follow=True,
    )
    assert messages_of(done) == ["1 badge was revoked.", "1 was revoked already and keeps its reason."]
    earlier.refresh_from_db()
    assert earlier.revocation_reason == "First reason."
