"""The access log's hash chain: how an entry's hash is made, and the check that finds a broken link.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields as JSON,
in the order of the entries' ids within one association. Changing an entry breaks its own
hash; removing one breaks the next entry's link; removing the newest ones no longer matches
the association's AccessLogHead.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from members.models import Association
from participants.models import AccessLog, AccessLogHead

HASHED_FIELDS = ["association_id", "username", "at", "action", "what", "rows", "address", "problems"]


def entry_hash(previous_hash: str, entry: AccessLog) -> str:
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    # One spelling of the time, whatever the database gives back.
    values["at"] = entry.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    payload = json.dumps([previous_hash, values], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LogCheck:
    association: Association
    entries: int
    broken_at: int | None = None  # the id of the first entry whose link is broken
    reason: str = ""

    @property
    def intact(self) -> bool:
        return not self.reason


def verify_access_log(association: Association) -> LogCheck:
    """Walk the association's chain from the first entry; report the first broken link."""
    previous, count = "", 0
    entries = AccessLog.objects.filter(association=association).order_by("pk")
    for entry in entries.iterator(chunk_size=2000):
        if entry.previous_hash != previous:
            return LogCheck(
                association,
                count,
                entry.pk,
                _(
                    "Entry %(id)s does not follow the one before it: an entry before it was removed or changed."
                )
                % {"id": entry.pk},
            )
        if entry_hash(previous, entry) != entry.hash:
            return LogCheck(association, count, entry.pk, _("Entry %(id)s was changed.") % {"id": entry.pk})
        previous, count = entry.hash, count + 1
    head = AccessLogHead.objects.filter(association=association).first()
    head_hash, head_entries = (head.last_hash, head.entries) if head else ("", 0)
    if head_entries != count:
        return LogCheck(
            association,
            count,
            None,
            _("The log ends after %(count)s entries, but %(expected)s were written: the newest were removed.")
            % {"count": count, "expected": head_entries},
        )
    if head_hash != previous:
        return LogCheck(association, count, None, _("The newest entry is not the one that was written last."))
    return LogCheck(association, count)
