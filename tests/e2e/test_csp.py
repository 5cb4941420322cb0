"""Loa's pages work under the Content-Security-Policy (issue #11, hole 5): the browser reports no
refused script or style on the dashboard (charts, htmx refresh), a plan page (progress bars) and an
activity page, and a data-confirm form still asks before it is sent."""

from __future__ import annotations

import re

from loa.activities.models import Activity


def test_pages_run_under_the_policy_and_confirmations_still_ask(login, site):
    page = login("canbo.vhtt")
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{site}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.classList.contains('js')")  # the nonced inline script ran
    assert page.evaluate("typeof htmx") == "object"
    page.goto(f"{site}/ke-hoach/")
    page.get_by_role("link", name=re.compile("Kế hoạch")).first.click()
    page.wait_for_load_state("networkidle")
    activity = Activity.objects.filter(unit__code="huongtra-vhtt").order_by("-id").first()
    page.goto(f"{site}/hoat-dong/{activity.pk}/")
    asked: list[str] = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("button", name=re.compile("Xoá")).click()
    page.wait_for_timeout(300)
    assert asked == ["Xoá hoạt động này?"]
    assert Activity.objects.filter(pk=activity.pk).exists()  # dismissed: nothing sent
    assert refused == []
