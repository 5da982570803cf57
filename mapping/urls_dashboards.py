from django.urls import path

urlpatterns: list = [
    # Dashboards, targets and exports (coordinators; the partnership view for project admins).
]
