"""The REXVET issuers and badge classes, as `make demo` (load_rexvet) loads them. Safe twice.

- The partnership issues one badge per module, awarded by rule when the module is completed.
- Each organisation is an issuer too: its coordinators award a badge for prior learning
  recognised against a module's learning outcomes (one such class per module).

Loading again updates names and texts but never slugs: slugs are in public addresses.
"""

from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction

from rexvet.accounts.models import Organisation
from training.models import Module

from .models import BadgeClass, Issuer

PARTNERSHIP_SLUG = "rexvet"

LEVEL_NAMES = {"rookie": "Rookie", "advanced": "Advanced", "expert": "Expert"}
DIRECTION_NAMES = {"at-home": "at home", "abroad": "abroad"}


@dataclass(frozen=True)
class BadgesLoaded:
    issuers: int
    classes: int


def _issuer_email() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@rexvet.invalid"


def _level_label(module: Module) -> str:
    label = LEVEL_NAMES.get(module.level_code, module.level_code.title())
    if module.direction_code:
        label += " " + DIRECTION_NAMES.get(module.direction_code, module.direction_code)
    return label


def _outcomes(module: Module) -> str:
    return "\n".join(f"- {o}" for o in module.outcome_list)


def _update_or_create(model, lookup: dict, values: dict):
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created:
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        for k in changed:
            setattr(obj, k, values[k])
        if changed:
            obj.save(update_fields=changed)
    return obj


def partnership_issuer() -> Issuer:
    return _update_or_create(
        Issuer,
        {"slug": PARTNERSHIP_SLUG},
        {
            "organisation": None,
            "name": "REXVET partnership",
            "url": settings.REXVET_SITE_URL + "/",
            "email": _issuer_email(),
            "description": "Six vocational schools that grow their staff's international skills "
            "from a rookie to an expert, with a shared path model and training package.",
        },
    )


def organisation_issuer(organisation: Organisation) -> Issuer:
    issuer = Issuer.objects.filter(organisation=organisation).first()
    if issuer is not None:
        return issuer
    return Issuer.objects.create(
        slug=organisation.slug,
        organisation=organisation,
        name=organisation.name,
        url=organisation.website or settings.REXVET_SITE_URL + "/",
        email=_issuer_email(),
        description=f"{organisation.name}, a partner of the REXVET partnership.",
    )


def module_class_values(module: Module, issuer: Issuer, rule: str) -> dict:
    level = _level_label(module)
    if rule == BadgeClass.Rule.MODULE_COMPLETED:
        return {
            "name": f"REXVET {level}: {module.title}",
            "description": f"Awarded for completing REXVET training module {module.code}, “{module.title}”, "
            f"which leads to the {level} level of international work in vocational education. {module.summary}",
            "criteria": f"Complete every required activity of module {module.code}: the readings and resources, "
            f"the reflections, the quiz at its pass mark and the evidence task approved by a coordinator. "
            f"The module's learning outcomes, as it states them for its learners:\n{_outcomes(module)}",
            "tags": f"REXVET, international skills, vocational education, {level}",
        }
    return {
        "name": f"REXVET {level}: {module.title} (recognised prior learning)",
        "description": f"Awarded by {issuer.name} for prior learning recognised against the outcomes of REXVET "
        f"training module {module.code}, “{module.title}” ({level}).",
        "criteria": f"A coordinator of {issuer.name} has checked evidence that the earner already meets the learning "
        f"outcomes of module {module.code}:\n{_outcomes(module)}",
        "tags": f"REXVET, international skills, vocational education, {level}, recognition of prior learning",
    }


def _slug(module: Module) -> str:
    return "module-" + module.code.replace(".", "-")


@transaction.atomic
def organisation_badges_ensure(organisation: Organisation, *, path_model_code: str = "rexvet") -> list[BadgeClass]:
    """The organisation's issuer and its prior-learning classes (created on first need)."""
    issuer = organisation_issuer(organisation)
    classes = []
    for module in Module.objects.of_model(path_model_code).order_by("code"):
        rule = BadgeClass.Rule.PRIOR_LEARNING
        values = module_class_values(module, issuer, rule)
        existing = BadgeClass.objects.filter(issuer=issuer, module=module, rule=rule).first()
        classes.append(existing or BadgeClass.objects.create(
            slug=f"{issuer.slug}-{_slug(module)}-prior-learning", issuer=issuer, module=module, rule=rule, **values
        ))
    return classes


@transaction.atomic
def badges_load(*, path_model_code: str = "rexvet") -> BadgesLoaded:
    issuer = partnership_issuer()
    classes = 0
    for module in Module.objects.of_model(path_model_code).order_by("code"):
        rule = BadgeClass.Rule.MODULE_COMPLETED
        values = module_class_values(module, issuer, rule)
        _update_or_create(
            BadgeClass,
            {"issuer": issuer, "module": module, "rule": rule},
            {"slug": f"{PARTNERSHIP_SLUG}-{_slug(module)}", **values},
        )
        classes += 1
    issuers = 1
    for organisation in Organisation.objects.order_by("name"):
        classes += len(organisation_badges_ensure(organisation, path_model_code=path_model_code))
        issuers += 1
    return BadgesLoaded(issuers=issuers, classes=classes)
