"""One word for one state: "antagen" and "fastställd" named the board's adopting of a report or budget,
and "Resultat" in the menu meant the participants' outcomes, not the year's result."""

import gettext
from pathlib import Path

import pytest

MO = Path(__file__).resolve().parent.parent / "locale" / "sv" / "LC_MESSAGES" / "django.mo"


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
    with MO.open("rb") as file:
        return {str(msgid): str(msgstr) for msgid, msgstr in gettext.GNUTranslations(file)._catalog.items()}


def test_adopting_is_always_called_antagen(catalogue):
    # "fastställer kommunernas andelar" (an agreement sets the shares) is another sense of the word.
    mixed = [text for text in catalogue.values() if "fastst" in text.lower() and "andelar" not in text]
    assert mixed == []


def test_the_menu_names_participant_outcomes_apart_from_the_financial_result(catalogue):
    assert catalogue["Outcomes"] == "Deltagarresultat"
    assert catalogue["Result"] == "Resultat"
