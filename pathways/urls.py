from django.urls import path

from . import views

app_name = "pathways"
urlpatterns = [
    path("<int:plan_id>/", views.plan_detail, name="plan"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/ask/", views.plan_ask, name="plan_ask"),
    path("<int:plan_id>/pdf/", views.pdf_request, name="pdf_request"),
    path("<int:plan_id>/pdf/status/", views.pdf_status, name="pdf_status"),
    path("<int:plan_id>/pdf/<int:number>/", views.pdf_download, name="pdf_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:plan_id>/", views.review, name="review"),
]
