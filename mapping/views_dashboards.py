"""Dashboards: a coordinator's view of one round, targets, exports; the partnership view.

Who may open them:
- the list of dashboards: coordinators and project admins (403 for other people);
- a round's dashboard, heatmap, person, targets and exports: the coordinators of the
  round's organisation. Anyone else who coordinates, or is a project admin, gets 404, as
  for a round that does not exist; other signed-in people 403;
- the partnership dashboard: project admins (403 for everyone else).
Signed-out visitors are sent to sign in.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from badges.figures import badge_figures
from pathways.selectors import path_structure, plan_rows

from . import charts, exports, selectors, targets
from .forms_dashboards import ExportForm, ScopeForm, TargetForm
from .models import OrganisationTarget, Round
from .permissions import coordinated_organisations, get_round_for_coordinator


def dashboard_access(view):
    """Signed in, and a coordinator or a project admin; the view scopes what they see."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff and not coordinated_organisations(request.user).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def project_admin_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _scope_form(request, rnd: Round) -> tuple[ScopeForm, selectors.Scope]:
    departments, job_roles = selectors.scope_options(rnd.organisation_id)
    data = request.GET if ("department" in request.GET or "job_role" in request.GET) else None
    form = ScopeForm(data, departments=departments, job_roles=job_roles)
    return form, form.scope(rnd.organisation_id)


def _query(form: ScopeForm, **extra) -> str:
    params = {**form.query(), **extra}
    return f"?{urlencode(params)}" if params else ""


@dashboard_access
@require_GET
def index(request):
    rounds = selectors.coordinator_rounds(coordinated_organisations(request.user))
    return render(request, "mapping/dashboard/index.html", {"rounds": rounds})


@dashboard_access
@require_GET
def round_dashboard(request, round_id: int):
    rnd = get_round_for_coordinator(request, round_id)
    form, scope = _scope_form(request, rnd)
    dashboard = selectors.coordinator_dashboard(rnd, scope)
    context = {
        "round": rnd,
        "d": dashboard,
        "form": form,
        "query": _query(form),
        "ordinal_names": charts.ordinal_names(dashboard),
        "distribution_svg": charts.distribution_chart(dashboard),
        "targets_svg": charts.targets_chart(dashboard),
        "trend_svg": charts.trend_chart(dashboard) if len(dashboard.trend_rounds) > 1 else None,
        "withheld_note": charts.withheld_note(dashboard.withheld, rnd.min_group_size),
        "export_form": ExportForm(anonymous=rnd.is_anonymous),
        "scope_label": exports.describe_scope(dashboard),
        # Organisation-wide (not of this round), with the same filter; two queries.
        "badges": badge_figures(
            rnd.organisation, department=scope.department, job_role=scope.job_role, staff=dashboard.participation.members
        ),
    }
    return render(request, "mapping/dashboard/round.html", context)


def _named_round(request, round_id: int) -> Round:
    rnd = get_round_for_coordinator(request, round_id)
    if rnd.is_anonymous:
        raise Http404  # an anonymous round has no page about people
    return rnd


@dashboard_access
@require_GET
def round_people(request, round_id: int):
    rnd = _named_round(request, round_id)
    form, scope = _scope_form(request, rnd)
    parts = selectors.model_parts(rnd.path_model_id)
    page = selectors.heatmap_page(rnd, scope, parts, request.GET.get("page"))
    return render(
        request,
        "mapping/dashboard/people.html",
        {
            "round": rnd,
            "form": form,
            "parts": parts,
            "page": page,
            "query": _query(form),
            "page_query": f"{urlencode(form.query())}&" if form.query() else "",
            "ordinal_names": charts.ordinal_names(parts.levels),
        },
    )


@dashboard_access
@require_GET
def round_person(request, round_id: int, user_id: int):
    rnd = _named_round(request, round_id)
    result = selectors.person_in_round(rnd, user_id)
    if result is None:
        raise Http404
    structure = path_structure(result.path_model)
    plan = getattr(result, "plan", None)
    rows = plan_rows(plan, structure) if plan else []
    ordinals = {ar.area_id: ar.ordinal for ar in result.areas.all()}
    return render(
        request,
        "mapping/dashboard/person.html",
        {
            "round": rnd,
            "result": result,
            "person": result.response.user,
            "plan": plan,
            "rows": rows,
            "radar": charts.person_radar(structure, ordinals, name=result.response.user.get_full_name()),
        },
    )


@dashboard_access
@require_http_methods(["GET", "POST"])
def round_targets(request, round_id: int):
    rnd = get_round_for_coordinator(request, round_id)
    parts = selectors.model_parts(rnd.path_model_id)
    form = TargetForm(request.POST or None, parts=parts)
    if request.method == "POST" and form.is_valid():
        target = targets.target_set(organisation=rnd.organisation, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Target saved: %(target)s.") % {"target": _describe_target(target, parts)})
        return redirect(reverse("mapping:dashboard", args=[rnd.pk]) + "#targets")
    order = {a.code: a.order for a in parts.areas}
    existing = sorted(
        selectors.organisation_targets(rnd.organisation_id),
        key=lambda t: (order.get(t.area_code, 10**6), getattr(parts.level_by_code(t.level_code), "order", 0)),
    )
    return render(
        request,
        "mapping/dashboard/targets.html",
        {
            "round": rnd,
            "form": form,
            "targets": [(t, _describe_target(t, parts)) for t in existing],
        },
        status=400 if form.is_bound else 200,
    )


def _describe_target(target: OrganisationTarget, parts: selectors.ModelParts) -> str:
    area = next((a.name for a in parts.areas if a.code == target.area_code), target.area_code)
    level = parts.level_by_code(target.level_code)
    return _("%(share)s %% of staff at %(level)s or above in %(area)s by %(date)s") % {
        "share": target.share_percent,
        "level": level.name if level else target.level_code,
        "area": area,
        "date": date_format(target.target_date, "j F Y"),
    }


@dashboard_access
@require_POST
def round_target_delete(request, round_id: int, target_id: int):
    rnd = get_round_for_coordinator(request, round_id)
    target = get_object_or_404(OrganisationTarget, pk=target_id, organisation_id=rnd.organisation_id)
    targets.target_delete(target=target, acting_user=request.user)
    messages.success(request, _("The target was removed."))
    return redirect("mapping:dashboard_targets", round_id=rnd.pk)


@dashboard_access
@require_GET
def round_export(request, round_id: int, fmt: str):
    rnd = get_round_for_coordinator(request, round_id)
    form, scope = _scope_form(request, rnd)
    dashboard = selectors.coordinator_dashboard(rnd, scope)
    filename = f"rexvet-{slugify(rnd.name) or rnd.pk}"
    if fmt == "xlsx":
        people = None if rnd.is_anonymous else selectors.people_rows(rnd, scope, dashboard.parts)
        return _download(exports.xlsx_export(dashboard, people), f"{filename}.xlsx", XLSX)
    export = ExportForm(request.GET, anonymous=rnd.is_anonymous)
    if not export.is_valid():
        return HttpResponseBadRequest(_("Choose a table and a separator for the CSV file."))
    table_key = export.cleaned_data["table"]
    people = selectors.people_rows(rnd, scope, dashboard.parts) if table_key == "people" else None
    (table,) = [t for t in exports.tables(dashboard, people) if t.key == table_key]
    body = exports.csv_export(table, delimiter=export.cleaned_data["delimiter"])
    return _download(body, f"{filename}-{table_key}.csv", "text/csv; charset=utf-8")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@project_admin_required
@require_GET
def partnership(request):
    sources = selectors.partnership_rounds()
    source = None
    if request.GET.get("round"):
        source = next((r for r in sources if str(r.pk) == request.GET["round"]), None)
        if source is None:
            raise Http404
    overview = selectors.partnership_overview(source=source)
    return render(
        request,
        "mapping/dashboard/partnership.html",
        {
            "p": overview,
            "sources": sources,
            "source": source,
            "ordinal_names": charts.ordinal_names(overview.levels),
            "area_charts": [
                (area, charts.partnership_chart(overview, area, i)) for i, area in enumerate(overview.areas, start=1)
            ],
        },
    )
