"""The development plan as a PDF: a plain function the worker and the tests call."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from rexvet.lib.pdf import css_string, html_to_pdf

from .charts import levels_radar
from .models import DevelopmentPlan
from .selectors import path_structure, plan_badges, plan_history, plan_module_progress, plan_rows


def render_plan_pdf_bytes(*, plan: DevelopmentPlan, number: int) -> bytes:
    plan = DevelopmentPlan.objects.select_related(
        "owner", "path_model", "result__response__round__organisation", "agreed_by"
    ).get(pk=plan.pk)
    structure = path_structure(plan.path_model)
    rows = plan_rows(plan, structure, progress=plan_module_progress(plan))
    history = plan_history(plan)
    html = render_to_string(
        "pdf/plan.html",
        {
            "plan": plan,
            "number": number,
            "result": plan.result,
            "round": plan.result.response.round,
            "rows": rows,
            "badges": plan_badges(plan),
            "radar": levels_radar(structure, {r.item.area_id: r.item.current_ordinal for r in rows}, chart_id="pdf-radar"),
            "rendered_at": timezone.localtime(),
            "today": timezone.localdate(),
            # The comment that came with the agreement, if any.
            "agreement": next((e for e in history if e.action == e.Action.AGREED), None) if plan.is_agreed else None,
            # The page footer is CSS text, escaped for CSS rather than for HTML.
            "footer_css": css_string(_("Development plan of %(name)s") % {"name": plan.owner.get_full_name()}),
        },
    )
    return html_to_pdf(html)
