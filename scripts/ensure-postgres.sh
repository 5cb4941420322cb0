#!/usr/bin/env bash
# Make sure the PostgreSQL server for the test-suite answers; start the local cluster if it is stopped.
set -euo pipefail
url="${1:-postgres://postgres@127.0.0.1:5432/loa}"
py=".venv/bin/python"
probe() {
  "$py" - "$url" <<'PY'
import sys, psycopg, urllib.parse as u
p = u.urlparse(sys.argv[1])
try:
    psycopg.connect(host=p.hostname, port=p.port or 5432, user=p.username, password=p.password,
                    dbname="postgres", connect_timeout=3).close()
except Exception as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
PY
}
probe 2>/dev/null && exit 0
if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  for v in /etc/postgresql/*; do
    [ -d "$v" ] && pg_ctlcluster --skip-systemctl-redirect "$(basename "$v")" main start 2>/dev/null || true
  done
  for _ in 1 2 3 4 5 6 7 8 9 10; do probe 2>/dev/null && exit 0; sleep 1; done
fi
echo "Không kết nối được PostgreSQL tại $url." >&2
echo "Khởi động máy chủ: sudo pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
echo "hoặc đặt LOA_TEST_DATABASE_URL trỏ tới một máy chủ PostgreSQL ≥ 15 có quyền CREATEDB." >&2
probe || true
exit 1
