"""The participant import has a size limit (finsam.uploads.PARTICIPANTS) and refuses empty,
binary and over-packed files with a Swedish message, importing nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Enrolment
from tests.documents import page_text
from tests.participants.conftest import HAND_ROWS, csv_bytes
from tests.test_uploads import MEGABYTE, _bomb


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"a;b\r\n" * (MEGABYTE + 1),
            "deltagare.csv",
            "Filen är större än 5 MB, gränsen för en deltagarfil.",
        ),
        (b"", "deltagare.csv", "Filen är tom."),
        (b"\0\1\2\3" * 1000, "deltagare.csv", "Filen är inte en textfil"),
        ("bomb", "deltagare.xlsx", "Arbetsboken packas upp till mer än"),
    ],
)
def test_the_participant_import_has_limits_too(
    client, verified_login, association, office_user, steget, content, name, message
):
    verified_login(office_user)  # the import shows participant rows: the second step first
    content = _bomb(150) if content == "bomb" else content  # 150 MB of sheet
    response = client.post(
        reverse("participants:import", args=[association.slug]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200 and message in page_text(response)
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_a_participant_file_within_the_limits_is_imported(
    client, verified_login, association, office_user, steget, vagen
):
    verified_login(office_user)  # the import shows participant rows: the second step first
    response = client.post(
        reverse("participants:import", args=[association.slug]),
        {"file": SimpleUploadedFile("deltagare.csv", csv_bytes(HAND_ROWS))},
    )
    assert response.status_code == 302 and Enrolment.objects.count() == len(HAND_ROWS)
