from django.urls import include, path

from . import views, views_rounds

app_name = "mapping"
urlpatterns = [
    path("rounds/<int:round_id>/", views.round_start, name="round_start"),
    path("rounds/<int:round_id>/page/<int:page>/", views.survey_page, name="page"),
    path("rounds/<int:round_id>/review/", views.review, name="review"),
    path("results/<int:result_id>/", views.result_detail, name="result"),
    path("preview/<int:path_model_id>/page/<int:page>/", views.preview, name="preview"),
    # The link in an invitation e-mail (staff; anyone with the link sees whom it is from).
    path("invitations/<str:token>/", views_rounds.invitation, name="invitation"),
    # Coordinators: rounds and invitations; dashboards and exports.
    path("coordinate/", include("mapping.urls_rounds")),
    path("dashboards/", include("mapping.urls_dashboards")),
]
