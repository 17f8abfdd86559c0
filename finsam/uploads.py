"""How large an upload may be, per kind, in one place; and the checks every upload passes before
anything parses it (docs/data-formats.md lists the limits).

An .xlsx workbook is a zip file: a few megabytes can unpack to gigabytes, which openpyxl would
inflate into memory. So a workbook's table of contents is read first (`zipfile.infolist`, no
inflating): the sizes it declares, summed, and each member's compression ratio must stay within
the limits. Python's zipfile never inflates a member beyond its declared size, so the declared
sizes bound what opening the workbook can cost.
"""

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MEGABYTE = 1024 * 1024

# A workbook may unpack to at most this much, in at most this many members, and no member may
# compress better than WORKBOOK_MAX_RATIO : 1 (real sheets compress 5 to 30 times; a bomb a thousand).
WORKBOOK_MAX_UNPACKED_BYTES = 100 * MEGABYTE
WORKBOOK_MAX_MEMBERS = 1000
WORKBOOK_MAX_RATIO = 200
# Members smaller than this are not held to the ratio (a tiny XML file of repeated tags may
# compress very well and costs nothing).
WORKBOOK_RATIO_FROM_BYTES = MEGABYTE

# The first bytes of a file that tell text from binary.
SNIFF_BYTES = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class UploadKind:
    label: Promise
    max_bytes: int
    accept: str
    workbook: bool  # may be an .xlsx workbook
    text: bool  # may be a text file (then a binary one is refused)

    @property
    def max_megabytes(self) -> int:
        return self.max_bytes // MEGABYTE


# A förbund's year of bookkeeping is well under 1 MB (SOFINT's: 0,1 MB). 10 MB, about 225 000
# rows, is parsed and previewed well within the app servers' timeout (gunicorn --timeout 120;
# docs/data-formats.md: 100 000 rows in 10-25 s on a busy machine), so the user gets an answer.
SIE = UploadKind(gettext_lazy("SIE file"), 10 * MEGABYTE, ".se,.si,.sie,.txt", workbook=False, text=True)
BUDGET_WORKBOOK = UploadKind(
    gettext_lazy("budget workbook"), 10 * MEGABYTE, ".xlsx", workbook=True, text=False
)
# Ten thousand enrolments are about 1 MB as CSV.
PARTICIPANTS = UploadKind(
    gettext_lazy("participant file"), 5 * MEGABYTE, ".csv,.txt,.xlsx", workbook=True, text=True
)
KINDS = (SIE, BUDGET_WORKBOOK, PARTICIPANTS)
LARGEST_UPLOAD_BYTES = max(kind.max_bytes for kind in KINDS)


def check_workbook(content: bytes) -> None:
    """Refuse a workbook that would unpack to too much, before anything inflates it."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    unpacked = sum(member.file_size for member in members)
    too_compressed = any(
        member.file_size >= WORKBOOK_RATIO_FROM_BYTES
        and member.file_size > WORKBOOK_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > WORKBOOK_MAX_MEMBERS or unpacked > WORKBOOK_MAX_UNPACKED_BYTES or too_compressed:
        raise ValidationError(
            _(
                "The workbook unpacks to more than a workbook of this kind can hold (%(size)s MB at "
                "most, with no part compressed more than %(ratio)s times). Save it again from Excel "
                "without empty rows and columns, or split it."
            )
            % {"size": WORKBOOK_MAX_UNPACKED_BYTES // MEGABYTE, "ratio": WORKBOOK_MAX_RATIO}
        )


def _looks_binary(head: bytes) -> bool:
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return b"\x00" in head or control > len(head) // 10


def check_upload(upload: UploadedFile, kind: UploadKind) -> None:
    """Refuse an empty, oversized, binary or over-packed upload with a Swedish message; the file
    is left at its start for the parser."""
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > kind.max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s MB, the limit for a %(kind)s.")
            % {"size": kind.max_megabytes, "kind": kind.label}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    if kind.workbook and (head.startswith(ZIP_MAGIC) or upload.name.lower().endswith(".xlsx")):
        upload.seek(0)
        check_workbook(upload.read())
    elif not kind.text:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."))
    elif _looks_binary(head):
        raise ValidationError(
            _(
                "The file is not a text file (it looks like a program, an image, a PDF or a zip "
                "file). Upload the file as it was exported."
            )
        )
    upload.seek(0)
