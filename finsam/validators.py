"""Validators for Swedish identifiers, with Swedish messages via gettext."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


def normalise_digits(value: str) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit())


def validate_organisation_number(value: str) -> None:
    """Ten digits with a valid Luhn check digit (organisationsnummer)."""
    try:
        orgnr.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Enter a valid organisation number: ten digits, e.g. 222000-1818."),
            code="invalid_organisation_number",
        ) from None


def validate_bankgiro(value: str) -> None:
    """Seven or eight digits, the last one a Luhn check digit."""
    digits = normalise_digits(value)
    if len(digits) not in (7, 8) or not luhn.is_valid(digits):
        raise ValidationError(
            _("Enter a valid bankgiro number: seven or eight digits, e.g. 5050-1055."),
            code="invalid_bankgiro",
        )
