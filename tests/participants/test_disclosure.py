"""Small counts: 1–4 shown as <5, with secondary suppression so no hidden count can be worked out."""

from collections import Counter
from decimal import Decimal

from participants.disclosure import disclose, disclose_initiatives, suppress_group
from participants.statistics import Figures


def shown(cells):
    return {key: str(cell) for key, cell in cells.items()}


def test_counts_from_one_to_four_are_hidden_zero_and_five_are_not():
    cells = suppress_group({"a": 0, "b": 1, "c": 4, "d": 5}, "abcd", suppress=True)
    assert shown(cells) == {"a": "0", "b": "<5", "c": "<5", "d": "5"}


def test_one_hidden_count_hides_the_smallest_other_so_the_total_gives_nothing_away():
    # 20 participants: 10 women, 8 men, 2 other. 20 − 10 − 8 would give the 2.
    cells = suppress_group({"K": 10, "M": 8, "X": 2}, "KMX", suppress=True)
    assert shown(cells) == {"K": "10", "M": "..", "X": "<5"}  # 8 is withheld, not "<5"


def test_two_hidden_counts_need_no_more():
    cells = suppress_group({"K": 12, "M": 3, "X": 2}, "KMX", suppress=True)
    assert shown(cells) == {"K": "12", "M": "<5", "X": "<5"}


def test_when_the_total_is_hidden_every_part_above_zero_is_hidden():
    cells = suppress_group({"K": 1, "M": 2, "X": 0}, "KMX", suppress=True, total_hidden=True)
    assert shown(cells) == {"K": "<5", "M": "<5", "X": "0"}


def test_the_office_sees_everything():
    assert shown(suppress_group({"K": 10, "M": 8, "X": 2}, "KMX", suppress=False)) == {
        "K": "10",
        "M": "8",
        "X": "2",
    }


def figures(participants, ended, **kwargs):
    return Figures(
        year=2025,
        initiative=None,
        participants=participants,
        new=participants,
        ended=ended,
        by_reason=Counter(kwargs.get("reasons", {})),
        by_gender=Counter(kwargs.get("genders", {})),
        costs=kwargs.get("costs"),
    )


def test_shares_and_costs_derived_from_a_hidden_count_are_hidden():
    item = disclose(
        figures(30, 3, reasons={"arbete": 3}, genders={"K": 15, "M": 15}, costs=Decimal(300_000)),
        suppress=True,
    )
    assert str(item.participants) == "30" and str(item.cost_per_participant) == "10000"
    assert [str(item.ended), str(item.share_ended), str(item.cost_per_ended)] == ["<5", "..", ".."]
    assert str(item.by_group["work_or_studies"]) == "<5" and str(item.share_work_or_studies) == ".."


def test_ends_by_group_get_secondary_suppression_inside_the_ended_total():
    item = disclose(figures(40, 20, reasons={"arbete": 3, "arbetssokande": 10, "ohalsa": 7}), suppress=True)
    assert {group: str(cell) for group, cell in item.by_group.items()} == {
        "work_or_studies": "<5",
        "ready": "10",
        "other": "..",
    }
    assert str(item.share_ready) == "50.0" and str(item.share_work_or_studies) == ".."


def test_one_small_initiative_hides_the_next_smallest_beside_the_total():
    total = disclose(figures(45, 20), suppress=True)
    items = disclose_initiatives([figures(30, 12), figures(12, 6), figures(3, 2)], total, suppress=True)
    assert [str(item.participants) for item in items] == ["30", "..", "<5"]
    assert [str(item.ended) for item in items] == ["12", "..", "<5"]
    assert str(items[1].share_ended) == ".."
    # Without a shown total there is nothing to work a hidden count out from.
    hidden_total = disclose(figures(4, 2), suppress=True)
    items = disclose_initiatives([figures(3, 1), figures(1, 1)], hidden_total, suppress=True)
    assert [str(item.participants) for item in items] == ["<5", "<5"]


def test_a_survey_with_few_respondents_or_few_agreeing_is_not_shown():
    from participants.disclosure import DisclosedSurvey
    from participants.models import Survey

    few = DisclosedSurvey(Survey(participants=10, respondents=3, agreeing=3))
    assert (str(few.coverage), str(few.agreeing)) == ("<5", "<5")
    two_agree = DisclosedSurvey(Survey(participants=40, respondents=30, agreeing=2))
    assert (two_agree.coverage.value, str(two_agree.agreeing)) == (Decimal(75), "<5")
    office = DisclosedSurvey(Survey(participants=40, respondents=30, agreeing=2), suppress=False)
    assert not office.agreeing.hidden and office.agreeing.value == Decimal("6.7")


def test_counts_are_shown_in_swedish_format_and_hidden_ones_as_their_mark():
    cells = suppress_group({"a": 4305, "b": 3, "c": 1200, "d": 900}, "abcd", suppress=True)
    assert shown(cells) == {"a": "4\u00a0305", "b": "<5", "c": "1\u00a0200", "d": ".."}
    assert cells["a"].number == 4305  # a spreadsheet gets the number itself
