from django.urls import path, re_path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^profile/?$", views.profile, name="profile"),
    re_path(r"^services\.csv$", views.services_csv, name="services_csv"),
    re_path(r"^services/?$", views.services, name="services"),
    re_path(r"^services/(?P<hsds_id>[^/]+)/?$", views.service_detail, name="service"),
    re_path(r"^organizations/?$", views.organizations, name="organizations"),
    re_path(r"^organizations/(?P<hsds_id>[^/]+)/?$", views.organization_detail, name="organization"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="service_at_locations"),
    re_path(
        r"^service_at_locations/(?P<hsds_id>[^/]+)/?$",
        views.service_at_location_detail,
        name="service_at_location",
    ),
]
