from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Basis")

    def ready(self):
        from home.localization import install_request_locales
        from home.models import connect_setting_signals
        from home.sites import install as install_site_lookup
        from home.viewrestrictions import install as install_view_restrictions

        install_request_locales()
        connect_setting_signals()
        install_view_restrictions()
        install_site_lookup()
