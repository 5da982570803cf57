from django.urls import path

from . import views_rounds

# Mounted at /mapping/coordinate/ in the "mapping" namespace.
urlpatterns: list = [
    # Rounds, invitations and reminders (coordinators).
    path("", views_rounds.rounds, name="coordinate_rounds"),
    path("organisations/<int:organisation_id>/rounds/new/", views_rounds.round_open, name="coordinate_round_open"),
    path(
        "organisations/<int:organisation_id>/invitations/",
        views_rounds.invitations,
        name="coordinate_invitations",
    ),
    path("rounds/<int:round_id>/", views_rounds.round_detail, name="coordinate_round"),
    path("rounds/<int:round_id>/close/", views_rounds.round_close, name="coordinate_round_close"),
    path("rounds/<int:round_id>/reminders/", views_rounds.round_remind, name="coordinate_round_remind"),
]
