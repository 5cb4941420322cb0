"""``python -m loa.docgen.check FILE.docx [--json]``: the same as ``loa check``."""

from loa.docgen.check.cli import main

raise SystemExit(main())
