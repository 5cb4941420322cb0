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
    if len(argv) > 1 and argv[1] == "ingest" and "--commit" not in argv:
        # Reading files needs no database: the pure reader answers directly.
        from loa.ingest.cli import main as ingest_main

        return int(ingest_main(argv[2:]) or 0)
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
