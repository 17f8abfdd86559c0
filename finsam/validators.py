"""Validators for Swedish identifiers, with Swedish messages via gettext."""

import itertools
import re

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


# Words a guesser tries first, with digits and punctuation around them ("Sommar2025!").
GUESSABLE_WORDS = {
    "finsam",
    "samordningsforbund",
    "samordningsförbund",
    "forbund",
    "förbund",
    "losenord",
    "lösenord",
    "password",
    "passw",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "sommar",
    "vinter",
    "hosten",
    "hösten",
    "varen",
    "våren",
    "welcome",
    "valkommen",
    "välkommen",
    "admin",
    "kansli",
    "demo",
    "test",
    "hej",
}
SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyzåäö",
    "01234567890",
    "qwertyuiopå",
    "asdfghjklöä",
    "zxcvbnm",
    "qwertyuiopåasdfghjklöäzxcvbnm",
)
NEIGHBOURS = {pair for sequence in SEQUENCES for pair in itertools.pairwise(sequence)} | {
    ("p", "å"),
    ("å", "a"),
    ("ä", "z"),
    ("9", "0"),
    ("0", "1"),
}


def _mostly_runs(text: str) -> bool:
    """Three quarters of the neighbouring characters follow each other on the alphabet, the
    digits or the keyboard, either way ("123456789012", "qwertyuiopås", "zyxwvutsrqpo")."""
    pairs = list(itertools.pairwise(text))
    following = sum(1 for a, b in pairs if (a, b) in NEIGHBOURS or (b, a) in NEIGHBOURS)
    return bool(pairs) and following >= 0.75 * len(pairs)


def _only_guessable_words(letters: str) -> bool:
    """The letters are nothing but common words one after the other ("finsamdemo")."""
    if not letters:
        return False
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reachable[end] = any(
            reachable[start] and letters[start:end] in GUESSABLE_WORDS for start in range(end)
        )
    return reachable[-1]


class GuessablePasswordValidator:
    """Refuses passwords that are long but easy to guess: few different characters
    ("aaaaaaaaaaaa"), a repeated part ("abcabcabcabc"), a run of the alphabet, the digits or
    the keyboard ("123456789012", "qwertyuiopås"), or a common word with only digits and
    punctuation around it ("Sommar2025!!", "Finsam123456")."""

    def __init__(self, min_distinct: int = 5):
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        text = password.lower()
        letters = "".join(char for char in text if char.isalpha())
        if (
            len(set(text)) < self.min_distinct
            or re.fullmatch(r"(.+?)\1+", text, flags=re.S)
            or _mostly_runs(text)
            or (len(letters) >= 6 and _mostly_runs(letters))
            or _only_guessable_words(letters)
        ):
            raise ValidationError(
                _(
                    "The password is too easy to guess: avoid repeated characters or parts, runs such as "
                    "123456 or qwerty, and common words with only digits around them."
                ),
                code="password_guessable",
            )

    def get_help_text(self) -> str:
        return _(
            "Your password must not be repeated characters or parts, a run such as 123456 or qwerty, "
            "or a common word with only digits around it."
        )
