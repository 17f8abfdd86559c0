"""Small helpers shared by every app's views for forms backed by services."""

from collections.abc import Callable
from copy import copy
from typing import TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint
from django.forms.models import construct_instance

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


class ConstraintsAtFieldsMixin:
    """A ModelForm that checks its model's CheckConstraints first and shows each at its field.

    Django reports a broken CheckConstraint above the form, and in the database's words
    ("Begränsningen “contribution_state_amount_positive” överträds.") when the constraint names no
    message. `constraint_fields` maps each constraint the form's input can break to the field the
    message belongs to and, where the constraint has none, a Swedish message; the constraint
    stays the rule (and the guard against a double click), the form only says it first.
    """

    constraint_fields: dict[str, tuple[str, object]] = {}

    def clean(self):
        cleaned = super().clean()
        constraints = {
            constraint.name: constraint
            for constraint in self._meta.model._meta.constraints
            if isinstance(constraint, CheckConstraint)
        }
        candidate = construct_instance(self, copy(self.instance), fields=self._meta.fields)
        for name, (field, message) in self.constraint_fields.items():
            constraint = constraints[name]  # a KeyError here is a typo in constraint_fields
            if self.has_error(field):
                continue
            try:
                constraint.validate(self._meta.model, candidate)
            except ValidationError as error:
                self.add_error(field, message or error.messages)
        return cleaned


__all__ = ["NON_FIELD_ERRORS", "ConstraintsAtFieldsMixin", "add_service_errors", "submit"]
