"""Stored files follow their rows: removed when the row is deleted, and when the write rolls back.

Three pieces (ADR 0021):

- :class:`TrackedStorage`, the default storage (``STORAGES["default"]``): a file system storage that
  tells the open :func:`files_atomic` block about every file it writes.
- :func:`files_atomic`, used like ``transaction.atomic`` by services that write files: when the block
  (or the one around it) rolls back, the files written inside it are deleted. Blocks nest: an
  inner block hands its files to the outer one, which decides.
- A ``post_delete`` receiver for every model with a ``FileField``: once the deletion commits, the
  row's files are deleted from storage (evidence of a deleted activity, a discarded import file).

What no hook can see (a process killed mid-write, a plain ``transaction.atomic`` around a service
that rolls back) is found by :func:`orphans`, which lists stored files no row refers to
(``loa files orphans --delete``).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

__all__ = ["TrackedStorage", "delete_on_commit", "files_atomic", "orphans"]

log = logging.getLogger(__name__)

_written: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "loa_files_written", default=None
)


def note_written(storage: Storage, name: str) -> None:
    """Record that ``storage`` wrote ``name`` inside the open :func:`files_atomic` block, if any."""
    written = _written.get()
    if written is not None:
        written.append((storage, name))


class TrackedStorage(FileSystemStorage):
    """The file system storage, reporting every file it writes to the open :func:`files_atomic` block."""

    def _save(self, name: str, content: Any) -> str:
        existed = self.exists(name)
        try:
            saved = super()._save(name, content)
        except BaseException:
            # A write that failed half-way (a full disk, a broken upload) leaves no partial file.
            if not existed and self.exists(name):
                self.delete(name)
            raise
        note_written(self, saved)
        return saved


def _delete_quietly(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # already gone, or the disk refuses: the orphan sweep will see it
            log.warning("Không xoá được tệp %s", name)


class _FilesAtomic(contextlib.ContextDecorator):
    def __init__(self, using: str | None = None) -> None:
        self.using = using
        self._stack: list[tuple[Any, contextvars.Token[Any], list[tuple[Storage, str]]]] = []

    def _recreate_cm(self) -> _FilesAtomic:
        return _FilesAtomic(self.using)  # one per call: a decorated service may run in many threads

    def __enter__(self) -> None:
        written: list[tuple[Storage, str]] = []
        token = _written.set(written)
        atomic = transaction.atomic(using=self.using)
        atomic.__enter__()
        self._stack.append((atomic, token, written))

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool | None:
        atomic, token, written = self._stack.pop()
        _written.reset(token)
        try:
            atomic.__exit__(exc_type, exc, tb)
        except BaseException:
            _delete_quietly(written)  # the commit itself failed
            raise
        if exc_type is not None:
            _delete_quietly(written)
            return None
        outer = _written.get()
        if outer is not None:
            outer.extend(written)  # the outer block decides
        return None


def files_atomic[F: Callable[..., Any]](func: F | None = None, *, using: str | None = None) -> Any:
    """``transaction.atomic`` that also deletes the files written inside it when it rolls back.

    Use as ``@files_atomic`` or ``with files_atomic():``.
    """
    if callable(func):
        return _FilesAtomic(using)(func)
    return _FilesAtomic(using)


def delete_on_commit(files: list[tuple[Storage, str]]) -> None:
    """Delete these stored files once the current transaction commits (at once outside one)."""
    if files:
        transaction.on_commit(functools.partial(_delete_quietly, list(files)))


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def _delete_files_of(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    files = []
    for field in _file_fields(sender):
        value = getattr(instance, field.attname)
        if value:
            files.append((value.storage, value.name))
    delete_on_commit(files)


def connect_file_cleanup() -> None:
    """Connect the ``post_delete`` receiver to every installed model with a ``FileField``."""
    for model in apps.get_models():
        if _file_fields(model):
            post_delete.connect(_delete_files_of, sender=model, dispatch_uid=f"loa-files-{model._meta.label}")


def referenced_names() -> set[str]:
    """Names of every stored file some row refers to."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in _file_fields(model):
            names.update(
                n
                for n in model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                if n
            )
    return names


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in dirs:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


# Files that are kept on purpose without a row: the Excel import's waiting file (named by a token
# in the user's session, used once) lives a day at most.
_UNREFERENCED_FOR = {"imports/hoat-dong/": dt.timedelta(days=1)}


def orphans(*, older_than: dt.timedelta = dt.timedelta(hours=1), storage: Storage | None = None) -> list[str]:
    """Stored files no row refers to, last written more than ``older_than`` ago (a write still in
    its transaction is younger), sorted."""
    storage = storage or default_storage
    referenced = referenced_names()
    now = timezone.now()
    found = []
    for name in _walk(storage):
        if name in referenced:
            continue
        age = older_than
        for prefix, kept in _UNREFERENCED_FOR.items():
            if name.startswith(prefix):
                age = max(age, kept)
        try:
            modified = storage.get_modified_time(name)
        except (OSError, NotImplementedError):
            continue
        if now - modified >= age:
            found.append(name)
    return sorted(found)


def orphans_delete(*, actor: Any, older_than: dt.timedelta = dt.timedelta(hours=1)) -> list[str]:
    """Delete the :func:`orphans`; only the system or an administrator may. Returns what was deleted."""
    from loa.core.actors import is_system, require_actor, user_of
    from loa.core.errors import PermissionDenied

    require_actor(actor)
    user = user_of(actor)
    if not is_system(actor) and not getattr(user, "is_superuser", False):
        raise PermissionDenied(
            "Chỉ quản trị hệ thống mới được xoá tệp không còn dùng.", code="files.forbidden"
        )
    names = orphans(older_than=older_than)
    _delete_quietly([(default_storage, name) for name in names])
    log.info("%s đã xoá %d tệp không còn dùng", getattr(user, "username", actor), len(names))
    return names
