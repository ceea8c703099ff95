"""Public directory URLs outside the page tree (inside i18n_patterns, see config/urls.py)."""

from django.urls import path

from . import verification_views

app_name = "directory"

urlpatterns = [
    path("vermelding-controleren/<str:token>/", verification_views.listing_check, name="listing_check"),
]
