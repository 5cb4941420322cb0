"""Excel import of 10,000 activity rows into one unit (issue 5, item 4), on SQLite.

Builds a filled template with openpyxl (every row with two content areas), then measures
``activities_import`` end to end: reading and checking every row, then saving in one transaction
(bulk insert of activities and their area links, one audit row). Median of 3 runs, each on an
emptied table.

Run: ``.venv/bin/python bench/bench_import.py`` (a temporary SQLite database in a child process).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N_ROWS = 10_000
ROOT = Path(__file__).resolve().parents[1]


def child() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loa.config.settings")
    os.environ["LOA_SECRET_KEY"] = "bench"
    django.setup()
    import datetime as dt
    import io

    import openpyxl
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from loa.activities.importers.xlsx import activities_import, activities_import_check, activities_template
    from loa.activities.models import Activity
    from loa.core.actors import SYSTEM_CLI
    from loa.organizations.models import Unit, UnitKind
    from loa.plans.models import Channel, ContentArea

    unit = Unit.objects.create(name="Đơn vị thử", code="bench-import", abbr="DV", kind=UnitKind.COMMUNE)
    channels = list(Channel.objects.all())
    areas = list(ContentArea.objects.all())
    wb = openpyxl.load_workbook(io.BytesIO(activities_template(unit=unit, channels=channels, areas=areas)))
    ws = wb["Hoạt động"]
    for i in range(N_ROWS):
        ws.append(
            [
                dt.date(2024, 1, 1) + dt.timedelta(days=i % 366),
                channels[i % len(channels)].name,
                f"Hoạt động tuyên truyền số {i}",
                "1.200" if i % 10 == 0 else 1 + i % 5,
                f"{areas[i % len(areas)].short_name}; {areas[(i + 1) % len(areas)].short_name}",
                i * 3,
                f"https://cong.vn/tin/{i}",
                "",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()

    t0 = time.perf_counter()
    activities_import_check(data, channels=channels, areas=areas)
    check_s = time.perf_counter() - t0
    times = []
    for _ in range(3):
        Activity.objects.all().delete()
        t0 = time.perf_counter()
        result = activities_import(actor=SYSTEM_CLI, unit=unit, data=data)
        times.append(time.perf_counter() - t0)
        assert result.created == N_ROWS, result.problems[:5]
    assert Activity.areas.through.objects.count() == 2 * N_ROWS
    return {
        "rows": N_ROWS,
        "file_kb": len(data) // 1024,
        "check_s": round(check_s, 2),
        "import_s": round(statistics.median(times), 2),
    }


def main() -> int:
    if "--child" in sys.argv:
        print(json.dumps(child()))
        return 0
    tmp = tempfile.mkdtemp(prefix="loa-bench-")
    env = {**os.environ, "LOA_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "LOA_VAR_DIR": tmp}
    out = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"sqlite    nhập {r['rows']} dòng Excel ({r['file_kb']} KB): kiểm tra {r['check_s']} s, "
        f"kiểm tra + lưu {r['import_s']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
