from django.urls import path

urlpatterns: list = [
    # Rounds, invitations and reminders (coordinators).
]
