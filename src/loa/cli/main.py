"""The ``loa`` console script.

Loa's own commands (``demo``, ``serve``, ``stats``, ``report``, ``ingest``…) are Django management
commands in ``loa.cli.management.commands``; Django's (``migrate``, ``createsuperuser``) work too.
``loa check FILE.docx`` checks a document against Nghị định 30; plain ``loa check`` stays Django's
system check.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loa.config.settings")
    if len(argv) > 2 and argv[1] == "check" and not argv[2].startswith("-"):
        from loa.docgen.check import main as check_main

        return int(check_main(argv[2:]) or 0)
    if len(argv) > 1 and argv[1] == "ingest" and "--commit" not in argv and "--figures" not in argv:
        # Reading files needs no database: the pure reader answers directly.
        from loa.ingest.cli import main as ingest_main

        return int(ingest_main(argv[2:]) or 0)
    command = argv[1] if len(argv) > 1 else ""
    if command and not command.startswith("-") and command not in _NO_DATABASE:
        problem = _database_problem(migrate_if_empty=command == "demo")
        if problem:
            print(problem, file=sys.stderr)
            return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


# Commands that run without a migrated database (they create it, inspect code, or only print help).
_NO_DATABASE = frozenset(
    {
        "migrate",
        "makemigrations",
        "showmigrations",
        "sqlmigrate",
        "squashmigrations",
        "check",
        "help",
        "version",
        "collectstatic",
        "compilemessages",
        "makemessages",
        "diffsettings",
        "dbshell",
        "shell",
        "startapp",
        "startproject",
        "test",
        "testserver",
        "optimizemigration",
    }
)


def _database_problem(*, migrate_if_empty: bool) -> str | None:
    """A Vietnamese sentence when the database cannot serve a command yet, else ``None``.

    A database without Loa's tables (a first start) is migrated here for ``loa demo``; for every
    other command the user is told to run ``loa migrate`` instead of meeting a traceback.
    """
    import django
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    django.setup()
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return (
            f"Không kết nối được cơ sở dữ liệu ({connection.settings_dict.get('NAME')}): {exc}".strip()
            + "\nKiểm tra biến môi trường LOA_DATABASE_URL và máy chủ cơ sở dữ liệu."
        )
    if not pending:
        return None
    if migrate_if_empty:
        from django.core.management import call_command

        print("Cơ sở dữ liệu chưa sẵn sàng: đang tạo bảng (loa migrate)…")
        call_command("migrate", interactive=False, verbosity=0)
        return None
    if "django_migrations" not in connection.introspection.table_names():
        return "Cơ sở dữ liệu chưa được khởi tạo. Chạy `loa migrate` trước, rồi chạy lại lệnh này."
    return (
        f"Cơ sở dữ liệu chưa cập nhật: còn {len(pending)} bước chuyển đổi (migration) chưa áp dụng. "
        "Chạy `loa migrate` trước, rồi chạy lại lệnh này."
    )


if __name__ == "__main__":
    sys.exit(main())
