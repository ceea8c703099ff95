from django.apps import AppConfig


class ErbijConfig(AppConfig):
    """Site-wide wiring that needs start-up hooks: the page cache's invalidation signals, our checks."""

    name = "config"
    label = "erbij_config"
    verbose_name = "Erbij"

    def ready(self):
        from config import checks  # noqa: F401 - registers the deployment checks
        from config.pagecache import connect_signals

        connect_signals()
