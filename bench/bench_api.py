"""Requests per second of the API's activity list under 20 concurrent clients, against a trivial
endpoint on the same server (issue 11, Performance).

A fresh SQLite database (or ``--database-url``) gets the demo plus ``--activities`` generated
activities for the demo's units; gunicorn serves Loa on 127.0.0.1:8101 (``--workers``); locust, headless
on the same machine, runs 20 clients without pause for ``--seconds`` against:

- ``/api/v1/activities?don_vi=huongtra&ky=2022`` as the town's coordinator (``noivu.huongtra``): a
  page of 50 activities of the town and every unit below it, with the count;
- ``/api/v1/periods/2022``: the trivial endpoint (the same access code check and rate limit, no data).

Both go through the access code and the rate limit (in the database cache), so the ratio is the cost
of the list itself. The load generator shares the two cores with the server: the absolute figures
are a floor, the ratio is what to compare.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PORT = 8101
LIST = "/api/v1/activities?don_vi=huongtra&ky=2022"
TRIVIAL = "/api/v1/periods/2022"


def _env(database_url: str, var: str) -> dict[str, str]:
    return os.environ | {
        "LOA_DATABASE_URL": database_url,
        "LOA_VAR_DIR": var,
        "LOA_SECRET_KEY": "bench",
        "LOA_API_RATE": "100000000/min",
        "LOA_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "loa.config.settings",
    }


SEED = """
import datetime as dt, random
import django; django.setup()
from loa.activities.models import Activity
from loa.core import vn
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.models import Channel
town = Unit.objects.get(code="huongtra")
units = list(Unit.objects.filter(id__in=unit_subtree_ids(unit_ids=[town.id], on=dt.date(2022, 6, 30))))
channels = list(Channel.objects.all())
rng = random.Random(11)
rows = []
for i in range({n}):
    title = f"Tuyên truyền cải cách hành chính đợt {{i}}"
    rows.append(Activity(unit=rng.choice(units), channel=rng.choice(channels), title=title,
                         title_key=vn.fold(title), date=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(340)),
                         quantity=rng.randint(1, 5)))
Activity.objects.bulk_create(rows, batch_size=1000)
print(Activity.objects.count())
"""


def _wait_up(url: str, token: str) -> None:
    for _ in range(100):
        try:
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def _locust(path: str, token: str, seconds: int, users: int, out: Path) -> dict[str, float]:
    prefix = out / path.strip("/").replace("/", "_").replace("?", "_")
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locust_api.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        env=os.environ | {"LOA_BENCH_PATH": path, "LOA_BENCH_TOKEN": token},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Name"] == "Aggregated")
    return {
        "rps": float(row["Requests/s"]),
        "median_ms": float(row["Median Response Time"]),
        "p95_ms": float(row["95%"]),
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="loa-bench-api-") as var:
        url = args.database_url or f"sqlite:///{var}/loa.sqlite3"
        env = _env(url, var)
        loa = str(BIN / "loa")
        subprocess.run([loa, "migrate", "-v", "0"], env=env, check=True)
        subprocess.run(
            [loa, "demo", "--reset"] if args.database_url else [loa, "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        total = subprocess.run(
            [str(BIN / "python"), "-c", SEED.format(n=args.activities)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        made = subprocess.run(
            [loa, "tokens", "create", "noivu.huongtra", "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        token = json.loads(made.stdout)["token"]
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "loa.config.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(args.workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            env=env,
            start_new_session=True,
        )
        try:
            _wait_up(f"http://127.0.0.1:{PORT}{TRIVIAL}", token)
            results = {}
            for name, path in (("trivial", TRIVIAL), ("activity list", LIST), ("trivial again", TRIVIAL)):
                results[name] = _locust(path, token, args.seconds, args.users, Path(var))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"{backend}: {total} activities; {args.users} clients, {args.seconds} s each; gunicorn {args.workers} workers"
    )
    print(f"{'endpoint':<16} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'requests':>9} {'failures':>9}")
    for name, r in results.items():
        print(
            f"{name:<16} {r['rps']:>8.1f} {r['median_ms']:>10.0f} {r['p95_ms']:>8.0f} {r['requests']:>9} {r['failures']:>9}"
        )
    trivial = (results["trivial"]["rps"] + results["trivial again"]["rps"]) / 2
    print(f"ratio activity list / trivial: {results['activity list']['rps'] / trivial:.2f}")


if __name__ == "__main__":
    main()
