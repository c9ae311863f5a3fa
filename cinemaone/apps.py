from django.contrib.admin.apps import AdminConfig


class CinemaOneAdminConfig(AdminConfig):
    """Django's admin, on the site that refuses input its pages never offered (cinemaone.admin)."""

    default_site = "cinemaone.admin.CinemaOneAdminSite"
