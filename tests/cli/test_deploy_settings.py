"""Production settings (issue #11, hole 5): with DEBUG off, ``loa check --deploy`` is clean; HSTS,
secure cookies and HTTPS redirects are on; the Content-Security-Policy is sent on every page."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

SETTINGS_PROBE = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT, "
    "bool(s.SECURE_CSP))"
)


@pytest.fixture
def production(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "loa.config.settings",
        "LOA_SECRET_KEY": secrets.token_urlsafe(64),
        "LOA_ALLOWED_HOSTS": "loa.thuathienhue.gov.vn",
        "LOA_VAR_DIR": str(var),
        "LOA_DATABASE_URL": f"sqlite:///{var / 'loa.sqlite3'}",
        "LOA_EMAIL_HOST": "smtp.thuathienhue.gov.vn",
    }

    def loa(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "loa.cli.main", *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )

    assert loa("migrate", "-v", "0").returncode == 0
    return loa


def test_check_deploy_is_clean_with_production_settings(production):
    result = production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _probe(production, **extra):
    result = production("shell", "--no-imports", "-c", SETTINGS_PROBE, **extra)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_debug_cookies_are_secure_hsts_is_on_and_a_csp_is_sent(production):
    assert _probe(production) == ["True"] * 5
    # A developer's machine (debug on) keeps plain-HTTP cookies; the CSP stays on.
    assert _probe(production, LOA_DEBUG="1") == ["False", "False", "False", "False", "True"]
    # A plain-HTTP intranet install says so explicitly.
    assert _probe(production, LOA_HTTPS="0") == ["False", "False", "False", "False", "True"]
