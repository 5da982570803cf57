from django.urls import path

from . import views_dashboards as views

# Dashboards, targets and exports (coordinators; the partnership view for project admins).
# Mounted at /mapping/dashboards/ in the "mapping" namespace.
urlpatterns: list = [
    path("", views.index, name="dashboards"),
    path("partnership/", views.partnership, name="dashboard_partnership"),
    path("rounds/<int:round_id>/", views.round_dashboard, name="dashboard"),
    path("rounds/<int:round_id>/people/", views.round_people, name="dashboard_people"),
    path("rounds/<int:round_id>/people/<int:user_id>/", views.round_person, name="dashboard_person"),
    path("rounds/<int:round_id>/targets/", views.round_targets, name="dashboard_targets"),
    path(
        "rounds/<int:round_id>/targets/<int:target_id>/delete/",
        views.round_target_delete,
        name="dashboard_target_delete",
    ),
    path("rounds/<int:round_id>/export.csv", views.round_export, {"fmt": "csv"}, name="dashboard_csv"),
    path("rounds/<int:round_id>/export.xlsx", views.round_export, {"fmt": "xlsx"}, name="dashboard_xlsx"),
]
