"""The task queue as the admin shows it: django-tasks-db's rows under Vietnamese names (a proxy)."""

from django_tasks_db.models import DBTaskResult


class BackgroundTask(DBTaskResult):
    """One task queued for ``loa worker`` (rows of django-tasks-db), read-only in the admin."""

    class Meta:
        proxy = True
        verbose_name = "tác vụ nền"
        verbose_name_plural = "tác vụ nền"
