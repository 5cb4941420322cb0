"""One reporting cycle in the browser (issue 10, item 8): Nội vụ of thị xã Hương Trà opens a request
for the 2022 report to two units; both send, one late; the coordinator returns one with a reason and
accepts the other; the completeness page shows it; the consolidated report downloads; the overdue
reminder reaches the returned unit's clerk in a real SMTP server."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from docx import Document as Docx
from playwright.sync_api import expect

from loa.core.actors import SYSTEM_CLI

VHTT = "Phòng Văn hoá và Thông tin"
WARD = "Ủy ban nhân dân xã Hương Toàn"
TOWN = "Ủy ban nhân dân thị xã Hương Trà"
TITLE = "Báo cáo công tác tuyên truyền cải cách hành chính năm 2022"
REASON = "Bổ sung số liệu phát thanh quý IV"
CLERK_EMAIL = "vanthu.vhtt@huongtra.gov.vn"


def _docx_text(path) -> str:
    doc = Docx(io.BytesIO(open(path, "rb").read()))
    return "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


@pytest.fixture
def world(site):
    """The demo, plus what the demo leaves undone: xã Hương Toàn's approved 2022 report is numbered
    and issued (so it can be sent), and Phòng VHTT's clerk has an e-mail address (demo users have
    none) so the reminder digest has somewhere to go."""
    from django.contrib.auth import get_user_model

    from loa.reporting.models import Report, ReportStatus
    from loa.reporting.producing import report_issue_drafted

    report = Report.objects.get(unit__code="xa-huong-toan", period="2022", status=ReportStatus.APPROVED)
    issued = report_issue_drafted(actor=SYSTEM_CLI, report=report)
    get_user_model().objects.filter(username="vanthu.vhtt").update(email=CLERK_EMAIL)
    return {"site": site, "ward_symbol": issued.document.symbol}


def test_a_reporting_cycle_from_request_to_reminder(login, page, world, smtp_server):
    from loa.reporting.cycle import submission_submit
    from loa.reporting.models import ReportRequest, Submission

    site = world["site"]
    today = dt.date.today()
    deadline = today + dt.timedelta(days=5)

    # 1. The coordinator opens the request to two units, due in five days.
    page = login("noivu.huongtra")
    page.goto(f"{site}/yeu-cau/")
    page.get_by_role("link", name="Mở yêu cầu").click()
    page.get_by_label("Kỳ báo cáo").select_option("2022")
    page.get_by_role("button", name="Chọn").click()
    expect(page.get_by_text("Đơn vị phải báo cáo")).to_be_visible()
    for box in page.locator('input[name="don_vi_bao_cao"]').all():
        box.uncheck()
    page.get_by_label(VHTT, exact=True).check()
    page.get_by_label(WARD, exact=True).check()
    page.get_by_label("Hạn gửi (dd/mm/yyyy)").fill(f"{deadline:%d/%m/%Y}")
    page.get_by_role("button", name="Mở yêu cầu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status").first).to_contain_text(f"Đã mở yêu cầu «{TITLE}» cho 2 đơn vị.")
    expect(page.get_by_text(f"hạn gửi {deadline:%d/%m/%Y}")).to_be_visible()
    pk = int(re.search(r"/yeu-cau/(\d+)/", page.url).group(1))
    request = ReportRequest.objects.get(pk=pk)
    assert set(request.submissions.values_list("unit__name", flat=True)) == {VHTT, WARD}

    # 2. Phòng VHTT's clerk sees it due on the unit's home page and sends Báo cáo 297/BC-VHTT, on time.
    page.context.clear_cookies()
    page = login("vanthu.vhtt")
    page.goto(f"{site}/don-vi/huongtra-vhtt/?ky=2022")
    due = page.get_by_role("region", name="Báo cáo phải gửi")
    expect(due).to_contain_text(f"{TITLE} — {VHTT}, gửi {TOWN} hạn {deadline:%d/%m/%Y}")
    expect(due).to_contain_text("còn 5 ngày")
    expect(due).to_contain_text("(số 297/BC-VHTT)")
    due.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"Đã gửi báo cáo của {VHTT} theo yêu cầu «{TITLE}»."
    )
    expect(page.get_by_role("region", name="Báo cáo phải gửi")).to_have_count(0)

    # 3. xã Hương Toàn sends two days after the deadline. The browser can only send on the server's
    # today, which is before the deadline; a late arrival needs a later day, so this one step goes
    # through the service with ``on=`` (the same call the "Gửi báo cáo" button makes, dated).
    late_day = deadline + dt.timedelta(days=2)
    ward_sub = Submission.objects.get(request=request, unit__code="xa-huong-toan")
    submission_submit(actor=SYSTEM_CLI, submission=ward_sub, on=late_day)

    # 4. The coordinator returns Phòng VHTT's report with a reason and accepts xã Hương Toàn's.
    page.context.clear_cookies()
    page = login("noivu.huongtra")
    page.goto(f"{site}/yeu-cau/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("2 / 2")
    row.get_by_role("link", name=TITLE).click()
    vhtt_row = page.get_by_role("row").filter(has_text=VHTT)
    ward_row = page.get_by_role("row").filter(has_text=WARD)
    expect(vhtt_row).to_contain_text("Đã gửi, chờ tiếp nhận")
    expect(vhtt_row).to_contain_text("297/BC-VHTT")
    expect(vhtt_row).to_contain_text(f"{today:%d/%m/%Y}")
    expect(vhtt_row).to_contain_text("đúng hạn")
    expect(ward_row).to_contain_text(world["ward_symbol"])
    expect(ward_row).to_contain_text(f"{late_day:%d/%m/%Y}")
    expect(ward_row.get_by_role("cell").nth(4)).to_have_text("2")
    vhtt_row.get_by_label("Lý do trả lại").fill(REASON)
    vhtt_row.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Đã trả lại báo cáo của {VHTT}.")
    vhtt_row = page.get_by_role("row").filter(has_text=VHTT)
    expect(vhtt_row).to_contain_text("Bị trả lại")
    expect(vhtt_row).to_contain_text(f"Lý do: {REASON}")
    page.get_by_role("row").filter(has_text=WARD).get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Đã tiếp nhận báo cáo của {WARD}.")
    expect(page.get_by_role("row").filter(has_text=WARD).get_by_role("cell").nth(1)).to_have_text(
        "Đã tiếp nhận"
    )

    # 5. The completeness page: two asked, one received (late by 2 days), one missing (returned).
    page.get_by_role("link", name="Tình hình gửi báo cáo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tình hình gửi báo cáo")
    counts = page.get_by_role("table", name="Tổng hợp")
    for key, n in {"expected": 2, "received": 1, "on_time": 0, "late": 1, "missing": 1}.items():
        expect(counts.locator(f'[data-count="{key}"]')).to_have_text(str(n))
    ward_cells = page.get_by_role("row").filter(has_text=WARD).get_by_role("cell")
    expect(ward_cells.nth(1)).to_have_text("Đã tiếp nhận")
    expect(ward_cells.nth(2)).to_have_text(f"{late_day:%d/%m/%Y}")
    expect(ward_cells.nth(3)).to_have_text("2")
    expect(ward_cells.nth(4)).to_have_text("Có")
    vhtt_cells = page.get_by_role("row").filter(has_text=VHTT).get_by_role("cell")
    expect(vhtt_cells.nth(1)).to_have_text("Bị trả lại")
    expect(vhtt_cells.nth(4)).to_have_text("—")

    # 6. The consolidation: the town's own report, from the accepted report's frozen figures only.
    page.get_by_role("button", name="Tổng hợp báo cáo đã tiếp nhận").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã tổng hợp các báo cáo đã tiếp nhận")
    expect(page).to_have_url(re.compile(r"/don-vi/huongtra/bao-cao/\?ky=2022$"))
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Word (DOCX)").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    text = _docx_text(download.path())
    assert "ỦY BAN NHÂN DÂN\nTHỊ XÃ HƯƠNG TRÀ" in text and "Số:       /BC-UBND" in text
    assert "Số liệu tổng hợp từ báo cáo của 01 cơ quan, đơn vị, địa phương đã được tiếp nhận" in text
    frozen = Submission.objects.get(pk=ward_sub.pk).figures["channels"]
    returned = Submission.objects.get(request=request, unit__code="huongtra-vhtt").figures["channels"]
    shown = [c for c in frozen if c["actual"]]
    assert shown, "xã Hương Toàn's frozen figures are all zero: nothing to check in the DOCX"
    for channel in shown:  # the report writes counts with two digits at least ("05 tin, bài")
        assert f"+ {channel['name']}: {channel['actual']:02d} {channel['unit']}" in text, channel
    # Phòng VHTT's returned report does not count: where its figure differs, it is not the one shown.
    vhtt = {c["code"]: c["actual"] for c in returned}
    assert any(vhtt.get(c["code"]) not in (None, c["actual"]) for c in shown)

    # 7. The day after the deadline the daily reminder run mails Phòng VHTT's clerk (the only one
    # there with an address): its report was returned and not sent again.
    reminder_day = deadline + dt.timedelta(days=1)
    call_command("reminders", "--date", reminder_day.isoformat(), stdout=io.StringIO())
    (message,) = [m for m in smtp_server.messages if m["To"] == CLERK_EMAIL]
    assert len(smtp_server.messages) == 1
    # One message carrying the two notices not mailed yet: today's return and the overdue reminder.
    assert message["Subject"] == f"[Loa] 2 thông báo mới ngày {reminder_day:%d/%m/%Y}"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.splitlines()[0] == "Kính gửi Trần Thị Mai,"
    assert f"- Đã quá hạn gửi báo cáo «{TITLE}» cho {TOWN} (hạn {deadline:%d/%m/%Y})." in body.splitlines()
    assert f"- Báo cáo «{TITLE}» bị trả lại: {REASON}" in body.splitlines()
    assert "  https://loa.huongtra.gov.vn/don-vi/huongtra-vhtt/" in body.splitlines()
