from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone

from badges.selectors import held_badges
from mapping.history import area_history
from mapping.invitations import invitations_pending_for
from mapping.models import Response, Round
from pathways.models import DevelopmentPlan
from pathways.permissions import reviewable_plans
from rexvet.accounts.decorators import member_required
from rexvet.accounts.selectors import memberships_of
from training.pathmap import path_map_for_user


def home(request):
    """Anyone: a welcome page when signed out, the staff home when signed in."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    if not memberships_of(request.user):
        return redirect("no_organisation")
    return staff_home(request)


@member_required
def staff_home(request):
    """Members: where they are on the path (with the badges they hold), their badges, open
    rounds, past rounds and how each area changed; coordinators also links to their rounds
    and the plans to agree."""
    today = timezone.localdate()
    rounds = list(
        Round.objects.for_user(request.user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(user=request.user).select_related("result__plan"),
                to_attr="my_responses",
            )
        )
        .order_by("-opens_on")
    )
    open_rounds, past_rounds = [], []
    for rnd in rounds:
        rnd.mine = rnd.my_responses[0] if rnd.my_responses else None
        if rnd.is_open_on(today):
            open_rounds.append(rnd)
        elif rnd.state_on(today) == "closed":  # a round that has not opened yet is not a past round
            past_rounds.append(rnd)
    memberships = memberships_of(request.user)
    coordinated = [m.organisation for m in memberships if m.is_coordinator]
    badges = held_badges(request.user)
    path_map = path_map_for_user(request.user, badges=badges.by_module)
    return render(
        request,
        "home.html",
        {
            "memberships": memberships,
            "coordinated": coordinated,
            "open_rounds": open_rounds,
            "past_rounds": past_rounds,
            "history": area_history(user=request.user),
            "path_map": path_map,
            "path_map_svg": path_map.svg(),
            "valid_badges": badges.valid_count,
            "plans_to_agree": reviewable_plans(request.user).filter(status=DevelopmentPlan.Status.AWAITING).count()
            if coordinated
            else 0,
        },
    )


@login_required
def no_organisation(request):
    """Signed-in people without a membership: ask your coordinator, or accept an invitation."""
    if memberships_of(request.user):
        return redirect("home")
    return render(request, "no_organisation.html", {"invitations": invitations_pending_for(request.user)})
