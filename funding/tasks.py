"""Tasks for the worker (django-tasks): mail issued invoices with their documents attached."""

from django_tasks import task

from finsam.pdf import RenderFailed
from funding.documents.invoice_pdf import invoice_filename, invoice_pdf
from funding.documents.invoice_xml import invoice_xml
from funding.models import Invoice
from members import notifications


@task()
def send_invoice_messages(message_ids: list[int]) -> None:
    """Send each queued invoice message with the invoice's PDF and Peppol XML, as downloaded."""
    for message in notifications.queued(message_ids):
        invoice = Invoice.objects.select_related("association", "organisation", "credited_invoice").get(
            pk=message.object_id
        )
        try:
            attachments = [
                notifications.Attachment(
                    invoice_filename(invoice, "pdf"), invoice_pdf(invoice), "application/pdf"
                ),
                notifications.Attachment(
                    invoice_filename(invoice, "xml"), invoice_xml(invoice), "application/xml"
                ),
            ]
        except RenderFailed:
            notifications.give_up(message, notifications.RENDER_FAILED)
            continue
        notifications.deliver(message, attachments)
