"""E-mail notifications: recorded with the record they concern, sent after the commit by a task.

An app that wants to tell someone something calls `notify` inside its transaction, with the
record (an invoice, a report, a job), the notification and the recipients. Each recipient gets
one `SentMessage` row; the unique constraint `one_message_per_event_and_recipient` makes a
second call for the same event and recipient (a double click, a retried job) a no-op. The rows
are sent once the transaction has committed, by the task `send_messages` (or by the caller's
own task when the message has attachments that only it can make: `deliver` sends one row).

A recipient without an address, with an address that is not one, or whom the mail server
refuses, is recorded as not sent with the reason; the action that caused it has succeeded
anyway. A user who has turned the notification off is recorded as not sent, "turned off".
"""

import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from members.models import Notification, NotificationOptOut, SentMessage, User

logger = logging.getLogger(__name__)

# Sent whatever anyone's settings say: a member's invoice goes to its invoice address.
REQUIRED = frozenset({Notification.INVOICE_ISSUED})
OPTIONAL = [choice for choice in Notification if choice not in REQUIRED]
RENDER_FAILED = gettext_lazy("The attachment could not be made; the document can be downloaded from the app.")


@dataclass(frozen=True)
class Recipient:
    """Whom a message is for: a user (their address and settings) or a bare address."""

    address: str
    user: User | None = None
    name: str = ""

    @classmethod
    def of(cls, user: User) -> "Recipient":
        return cls(address=user.email.strip(), user=user, name=str(user))

    @property
    def key(self) -> str:
        # What makes a recipient the same one twice: the address, or the user when there is none.
        if self.address:
            return self.address.lower()
        return f"{self.name} ({self.user.username})" if self.user else self.name


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def is_enabled(user: User, notification: str) -> bool:
    if notification in REQUIRED:
        return True
    return not NotificationOptOut.objects.filter(user=user, notification=notification).exists()


def enabled_for(user: User) -> list[str]:
    off = set(NotificationOptOut.objects.filter(user=user).values_list("notification", flat=True))
    return [choice.value for choice in OPTIONAL if choice.value not in off]


@transaction.atomic
def set_enabled(*, user: User, enabled: Iterable[str]) -> list[str]:
    """Keep on the optional notifications in `enabled` and turn the others off; twice is the same."""
    enabled = set(enabled)
    unknown = enabled - {choice.value for choice in OPTIONAL}
    if unknown:
        raise ValidationError(_("Unknown notification: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    NotificationOptOut.objects.filter(user=user, notification__in=enabled).delete()
    for choice in OPTIONAL:
        if choice.value not in enabled:
            NotificationOptOut.objects.get_or_create(user=user, notification=choice.value)
    return enabled_for(user)


def _not_sendable(recipient: Recipient, notification: str) -> str:
    """Why the message cannot go to this recipient, or "" if it can."""
    if recipient.user is not None and not is_enabled(recipient.user, notification):
        return _("The recipient has turned these messages off.")
    if not recipient.address:
        return _("No e-mail address is recorded.")
    try:
        validate_email(recipient.address)
    except ValidationError:
        return _("%(address)s is not an e-mail address.") % {"address": recipient.address}
    return ""


def notify(
    *,
    record: models.Model,
    notification: str,
    recipients: Sequence[Recipient],
    subject: str,
    body: str,
    sender=None,
) -> list[SentMessage]:
    """Record a message to each recipient about `record`, to be sent once the transaction commits.

    `sender` is the task that sends the rows (`send_messages` unless the caller's own task adds
    attachments). Returns the new rows; recipients already told of this event get none.
    """
    content_type = ContentType.objects.get_for_model(record)
    rows = []
    for recipient in recipients:
        reason = _not_sendable(recipient, notification)
        try:
            with transaction.atomic():
                row = SentMessage.objects.create(
                    content_type=content_type,
                    object_id=str(record.pk),
                    notification=notification,
                    user=recipient.user,
                    recipient=recipient.key[:254],
                    address=recipient.address[:254],
                    subject=subject[:300],
                    body=body,
                    status=SentMessage.Status.NOT_SENT if reason else SentMessage.Status.QUEUED,
                    reason=reason,
                )
        except IntegrityError:
            continue  # told already: a second request for the same event
        rows.append(row)
    queued = [row.pk for row in rows if row.status == SentMessage.Status.QUEUED]
    if queued:
        sender = sender or send_messages
        transaction.on_commit(lambda: sender.enqueue(queued))
    return rows


def deliver(message: SentMessage, attachments: Sequence[Attachment] = ()) -> SentMessage:
    """Send one queued message, once: of two workers given it, one sends it."""
    if not SentMessage.objects.filter(pk=message.pk, status=SentMessage.Status.QUEUED).update(
        status=SentMessage.Status.SENT, sent_at=timezone.now()
    ):
        return message
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
    )
    for attachment in attachments:
        email.attach(attachment.filename, attachment.content, attachment.mimetype)
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Message %s to %s was not sent: %s", message.pk, message.address, error)
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("The mail server did not accept it: %(error)s") % {"error": error}
        SentMessage.objects.filter(pk=message.pk).update(
            status=SentMessage.Status.NOT_SENT, sent_at=None, reason=reason[:300]
        )
    message.refresh_from_db()
    return message


def give_up(message: SentMessage, reason: str) -> None:
    """Record a queued message as not sent, with why (in Swedish, as on the record's page)."""
    with translation.override(settings.LANGUAGE_CODE):
        reason = str(reason)
    SentMessage.objects.filter(pk=message.pk, status=SentMessage.Status.QUEUED).update(
        status=SentMessage.Status.NOT_SENT, reason=reason[:300]
    )


def queued(message_ids: Sequence[int]) -> list[SentMessage]:
    return list(SentMessage.objects.filter(pk__in=message_ids, status=SentMessage.Status.QUEUED))


@task()
def send_messages(message_ids: list[int]) -> None:
    for message in queued(message_ids):
        deliver(message)


def messages_about(record: models.Model) -> list[SentMessage]:
    """What the record's page lists: recipient, subject, time and whether it went."""
    return list(SentMessage.objects.about(record))


def absolute_url(path: str) -> str:
    """A link for a message, to the address people open the app at (settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path
