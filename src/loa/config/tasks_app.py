"""The task queue's app (django-tasks-db) under a Vietnamese name in the admin."""

from django_tasks_db.apps import TasksAppConfig


class TasksDbConfig(TasksAppConfig):
    verbose_name = "Tác vụ nền"
