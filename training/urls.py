from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("modules/<int:module_id>/", views.module_detail, name="module"),
    path("modules/<int:module_id>/enrol/", views.enrol, name="enrol"),
    path("modules/<int:module_id>/continue/", views.resume, name="resume"),
    path("activities/<int:activity_id>/", views.activity, name="activity"),
    path("evidence/<int:submission_id>/file/", views.evidence_file, name="evidence_file"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:submission_id>/", views.review, name="review"),
]
