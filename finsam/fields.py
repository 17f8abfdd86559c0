"""Form fields for Swedish identifiers: typed with or without a dash, stored as digits."""

from django import forms

from finsam.validators import normalise_digits


class DigitsField(forms.CharField):
    """`222000-1818` and `2220001818` both give `2220001818`; the model's validators decide."""

    def __init__(self, *, max_length=None, **kwargs):
        # Leave room for separators in what is typed; the digits are checked by the validator.
        super().__init__(max_length=(max_length + 4) if max_length else None, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value and any(ch.isdigit() for ch in value) and all(ch.isdigit() or ch in " -" for ch in value):
            return normalise_digits(value)
        return value
