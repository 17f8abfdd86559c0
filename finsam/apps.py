from django.apps import AppConfig


class FinsamConfig(AppConfig):
    """Shared templates, template tags and helpers; owns no models."""

    name = "finsam"
    verbose_name = "Finsam"
