"""The demo partnership: six REXVET partner organisations with a coordinator and staff."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from mapping.models import Round
from pathways.models import PathModel
from rexvet.accounts.models import Membership, Organisation, User

DEMO_PASSWORD = "rexvet-demo"
ADMIN_EMAIL = "admin@rexvet.example"

# (name, slug, country, anonymous round?, [(full name, e-mail local part, role, department, job role)])
ORGANISATIONS = [
    ("Luovi", "luovi", "FI", False, [
        ("Aino Mäkelä", "aino.makela", "coordinator", "International office", "International coordinator"),
        ("Jüri Äijälä", "juri.aijala", "staff", "Hospitality", "Teacher"),
        ("Päivi Söderström", "paivi.soderstrom", "staff", "Guidance", "Guidance counsellor"),
        ("Mikko Ylönen", "mikko.ylonen", "staff", "Construction", "Trainer"),
    ]),
    ("Invalidisäätiö", "invalidisaatio", "FI", False, [
        ("Satu Häkkinen", "satu.hakkinen", "coordinator", "Development", "International coordinator"),
        ("Jörn Åberg", "jorn.aberg", "staff", "Rehabilitation", "Teacher"),
        ("Tiina Kärkkäinen", "tiina.karkkainen", "staff", "Support services", "Special needs assistant"),
    ]),
    ("ENAC", "enac", "IT", False, [
        ("Giulia Bellà", "giulia.bella", "coordinator", "Projects", "International coordinator"),
        ("Niccolò Ferrè", "niccolo.ferre", "staff", "Catering", "Trainer"),
        ("Chiara Pietà", "chiara.pieta", "staff", "Management", "Manager"),
    ]),
    ("Centro San Viator", "san-viator", "ES", False, [
        ("Begoña Ibáñez", "begona.ibanez", "coordinator", "Relaciones internacionales", "International coordinator"),
        ("Iñaki Muñoz", "inaki.munoz", "staff", "Automotive", "Teacher"),
        ("Nuria Peñalver", "nuria.penalver", "staff", "Administration", "Administrative staff"),
    ]),
    ("Alfa-College", "alfa-college", "NL", True, [
        ("Anouk de Vries", "anouk.devries", "coordinator", "Internationalisering", "International coordinator"),
        ("Søren Bjørnsen", "soren.bjornsen", "staff", "ICT", "Teacher"),
        ("Zoë van den Bërg", "zoe.vandenberg", "staff", "Care", "Teacher"),
    ]),
    ("Kuressaare Ametikool", "kuressaare", "EE", False, [
        ("Kadri Tamm", "kadri.tamm", "coordinator", "Development", "International coordinator"),
        ("Ülle Mäe-Õunapuu", "ulle.mae-ounapuu", "staff", "Tourism", "Teacher"),
        ("Tõnu Kõiv", "tonu.koiv", "staff", "Maritime", "Trainer"),
    ]),
]


def demo_email(local: str, slug: str) -> str:
    return f"{local}@{slug}.example"


def _person(email: str, full_name: str, *, is_admin: bool = False) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        create = User.objects.create_superuser if is_admin else User.objects.create_user
        user = create(email=email, password=DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_load(*, path_model: PathModel, today=None) -> dict:
    """Create (or refresh) the demo partnership. Safe to run twice."""
    today = today or timezone.localdate()
    counts = {"organisations": 0, "people": 0, "rounds": 0}
    with transaction.atomic():
        _person(ADMIN_EMAIL, "Project Admin", is_admin=True)
        for name, slug, country, anonymous, people in ORGANISATIONS:
            org, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "country": country})
            counts["organisations"] += 1
            for full_name, local, role, department, job_role in people:
                user = _person(demo_email(local, slug), full_name)
                Membership.objects.update_or_create(
                    user=user, organisation=org, defaults={"role": role, "department": department, "job_role": job_role}
                )
                counts["people"] += 1
            round_name = f"{org.name} skills mapping {today.year}"
            rnd, created = Round.objects.get_or_create(
                organisation=org,
                name=round_name,
                defaults={
                    "path_model": path_model,
                    "opens_on": today - timedelta(days=7),
                    "closes_on": today + timedelta(days=30),
                    "is_anonymous": anonymous,
                },
            )
            if not created and rnd.closes_on < today:
                Round.objects.filter(pk=rnd.pk).update(closes_on=today + timedelta(days=30))
            counts["rounds"] += 1
    return counts


def demo_logins() -> list[tuple[str, str, str]]:
    """(organisation, role, e-mail) for every demo person, for the start-up banner."""
    rows = [("REXVET partnership", "project admin", ADMIN_EMAIL)]
    for name, slug, _country, _anon, people in ORGANISATIONS:
        for _full, local, role, _dep, _job in people:
            rows.append((name, role, demo_email(local, slug)))
    return rows
