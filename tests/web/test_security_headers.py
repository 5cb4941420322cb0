"""The Content-Security-Policy (issue #11, hole 5): every page is sent with a policy that allows only
Loa's own scripts and the request's nonce, and no template relies on what the policy refuses
(inline event handlers, inline scripts without the nonce)."""

from __future__ import annotations

import re
from pathlib import Path

import loa.web

TEMPLATES = Path(loa.web.__file__).parent / "templates"


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_the_sign_in_page_carries_a_strict_policy_and_its_inline_script_the_nonce(client):
    response = client.get("/dang-nhap/")
    policy = _policy(response)
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert (
        policy["object-src"] == "object-src 'none'" and policy["frame-ancestors"] == "frame-ancestors 'none'"
    )
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    assert (
        client.get("/dang-nhap/").headers["Content-Security-Policy"]
        != response.headers["Content-Security-Policy"]
    )


def test_a_signed_in_page_carries_the_policy(client, make_user, make_unit):
    unit = make_unit(code="vh-csp")
    client.force_login(make_user(unit, "officer"))
    response = client.get("/hoat-dong/")
    assert response.status_code == 200
    assert "script-src 'self' 'nonce-" in response.headers["Content-Security-Policy"]


def test_no_template_uses_what_the_policy_refuses():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: inline event handler")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag:
                offenders.append(f"{path.name}: {tag}")
        if re.search(r"<style\b(?![^>]*nonce=)", text):
            offenders.append(f"{path.name}: <style> without nonce")
        if "javascript:" in text:
            offenders.append(f"{path.name}: javascript: link")
    assert offenders == []
