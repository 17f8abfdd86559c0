"""Small helpers shared by the funding views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
