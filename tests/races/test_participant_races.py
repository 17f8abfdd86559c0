"""The participant import under a double submit or two office staff with the same file."""

import io

from django.urls import reverse

from participants.models import Enrolment, Participant
from tests.participants.conftest import HAND_ROWS, csv_bytes
from tests.races.racing import RACES, WORKERS, race

pytestmark = RACES


def upload():
    file = io.BytesIO(csv_bytes(HAND_ROWS))
    file.name = "deltagare.csv"
    return file


def test_parallel_imports_of_one_file_register_each_row_once(association, office_user, steget, vagen):
    url = reverse("participants:import", args=[association.slug])
    answers = race(office_user, lambda client: client.post(url, {"file": upload()}))

    assert Participant.objects.filter(association=association).count() == 8  # P01–P08
    assert Enrolment.objects.filter(participant__association=association).count() == len(HAND_ROWS)
    assert all(answer.status == 302 for answer in answers)
    told = sorted(message for answer in answers for message in answer.messages)
    assert told == sorted(
        [f"Filen importerades: {len(HAND_ROWS)} nya inskrivningar, 0 ändrade, 0 oförändrade."]
        + [f"Filen importerades: 0 nya inskrivningar, 0 ändrade, {len(HAND_ROWS)} oförändrade."]
        * (WORKERS - 1)
    )
