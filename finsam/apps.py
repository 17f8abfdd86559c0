from django.apps import AppConfig
from django.core.signals import request_finished
from django.urls import register_converter
from django_tasks.signals import task_finished


class FinsamConfig(AppConfig):
    """Shared templates, template tags and helpers; owns no models."""

    name = "finsam"
    verbose_name = "Finsam"

    def ready(self):
        from finsam.pdf import collect_put_off_garbage
        from finsam.years import YearConverter

        # Before any URLconf is read: every app's addresses use <year:year>.
        register_converter(YearConverter, "year")

        # After the response has gone out, or the background job is done (see finsam.pdf).
        request_finished.connect(collect_put_off_garbage, dispatch_uid="finsam.collect_garbage")
        task_finished.connect(collect_put_off_garbage, dispatch_uid="finsam.collect_garbage_task")
