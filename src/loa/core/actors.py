"""Who does a write: a signed-in user, or a named system actor — never nobody.

Every service takes ``actor``. A person is a Django user; work that no person starts (loading the
demo, installing a province's catalogue from the command line, the scheduled feed pull, the
background worker) runs as a :class:`SystemActor`, which passes every access check and is written
into the audit log under its own name, so an inspector reading the log always sees who acted.

Commands that write accept ``--as USERNAME``: the work is then checked against that user's rights
and audited under that user, as if done in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SystemActor:
    """A named actor for work no person starts. Passes access checks; audited under ``name``."""

    name: str
    label: str

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_anonymous = False
    is_staff = False
    pk = None
    id = None

    @property
    def username(self) -> str:
        return self.name

    def get_full_name(self) -> str:
        return self.label

    def __str__(self) -> str:
        return self.label


SYSTEM_CLI = SystemActor("he-thong:dong-lenh", "Hệ thống (dòng lệnh)")
SYSTEM_DEMO = SystemActor("he-thong:du-lieu-mau", "Hệ thống (nạp dữ liệu mẫu)")
SYSTEM_FEEDS = SystemActor("he-thong:lay-tin", "Hệ thống (lấy tin tự động)")
SYSTEM_WORKER = SystemActor("he-thong:tac-vu-nen", "Hệ thống (tác vụ nền)")


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)


def require_actor(actor: Any) -> None:
    """Fail loudly (``TypeError``) when a service or selector is given no actor at all.

    ``None`` is a programming error, not a user without rights: an anonymous visitor is Django's
    ``AnonymousUser``, work no person starts uses a :class:`SystemActor`.
    """
    if actor is None:
        raise TypeError("Loa: mọi thao tác phải có người thực hiện (actor), không được là None.")


def actor_name(actor: Any) -> str:
    """The name the audit log keeps for ``actor`` (a username or a system actor's name)."""
    require_actor(actor)
    if isinstance(actor, SystemActor):
        return actor.name
    return str(getattr(actor, "username", "") or "")


def user_of(actor: Any) -> Any:
    """The Django user behind ``actor`` (for ``created_by`` and similar columns); ``None`` for a
    system actor, whose name the audit log keeps instead."""
    if isinstance(actor, SystemActor) or not getattr(actor, "is_authenticated", False):
        return None
    return actor
