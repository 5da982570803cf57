"""Demo awards, so that "My badges", the public page and the dashboards have something to
show in `make demo`. Ülle (Kuressaare) is left without badges: she is the one who earns
module 1 in the walk-through. Safe to run twice (awarding is)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from rexvet.accounts.models import Organisation, User

from .loading import organisation_badges_ensure
from .models import BadgeClass
from .services import badge_award

# (organisation slug, recipient e-mail, awarding coordinator e-mail, module code, days ago, evidence)
AWARDS = [
    ("luovi", "juri.aijala@luovi.example", "aino.makela@luovi.example", "1", 21,
     "Jüri has hosted incoming learners from Estonia and Italy for three years and took part in an "
     "Erasmus+ job-shadowing week in Tallinn; his reports were checked against module 1's outcomes."),
    ("kuressaare", "tonu.koiv@kuressaare.example", "kadri.tamm@kuressaare.example", "2.2", 9,
     "Tõnu planned and accompanied three learner mobilities to Finland (2024–2026), agreed the learning "
     "outcomes with the host companies and ran the follow-up with the learners."),
]


def demo_awards(*, today=None) -> int:
    today = today or timezone.localdate()
    created = 0
    for slug, recipient_email, coordinator_email, module_code, days_ago, narrative in AWARDS:
        organisation = Organisation.objects.filter(slug=slug).first()
        recipient = User.objects.filter(email=recipient_email).first()
        coordinator = User.objects.filter(email=coordinator_email).first()
        if not (organisation and recipient and coordinator):
            continue
        organisation_badges_ensure(organisation)
        badge_class = BadgeClass.objects.get(
            issuer__organisation=organisation, module__code=module_code, rule=BadgeClass.Rule.PRIOR_LEARNING
        )
        when = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10, 0)))
        award = badge_award(
            recipient=recipient,
            badge_class=badge_class,
            organisation=organisation,
            issued_on=when,
            acting_user=coordinator,
            narrative=narrative,
        )
        created += award.created
    return created
