from django.apps import AppConfig


class CachingConfig(AppConfig):
    """HTTP caching: cache headers for Varnish and purging on publish."""

    name = "caching"
    verbose_name = "HTTP-Cache"

    def ready(self):
        from caching import signals

        signals.connect()
