"""Small helpers shared by every app's views for forms backed by services."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

T = TypeVar("T")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names, the rest above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit(request, form: forms.BaseForm, save: Callable[[forms.BaseForm], T]) -> T | None:
    """On a valid POST call save(form) and return its result; on any error return None.

    Nothing is saved when the form or the service rejects the input: services run in a
    transaction, and their errors come back to the form.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


__all__ = ["NON_FIELD_ERRORS", "add_service_errors", "submit"]
