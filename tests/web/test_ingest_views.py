"""The import pages: upload, read each file in its own row, correct, register; only for the owner."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loa.documents.models import Document
from loa.ingest.tasks import read_import_batch
from loa.web.views.ingest import highlight

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
FOUNDING = EXAMPLES / "docs" / "000.txt"
DOCX = EXAMPLES / "files" / "029.docx"
PASSWORD = "Loa@2022"


def _upload(client, *paths_or_files):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) if isinstance(p, Path) else p for p in paths_or_files]
    return client.post(reverse("web:ingest_upload"), {"files": files})


def _batch_id(response, *, read: bool = True) -> str:
    """The new batch's code; with ``read``, the worker has read its files (as it does once the upload commits)."""
    assert response.status_code == 302, getattr(response, "context", None) and response.context["form"].errors
    code = re.search(r"/nhap-van-ban/([0-9a-f]{32})/", response.url).group(1)
    if read:
        read_import_batch.enqueue(str(uuid.UUID(hex=code)))
    return code


@pytest.fixture
def officer(client, demo_world_unissued):
    Document.objects.filter(symbol="297/BC-VHTT").delete()
    client.login(username="canbo.vhtt", password=PASSWORD)
    return client


def test_upload_preview_shows_each_file_read_with_its_spans(officer):
    batch = _batch_id(_upload(officer, FOUNDING, DOCX), read=False)
    preview = officer.get(reverse("web:ingest_preview", args=[batch]))
    html = preview.content.decode()
    assert preview.status_code == 200 and "000.txt" in html and "029.docx" in html
    assert html.count('hx-trigger="load"') == 2 and "Đã đọc <strong>0</strong>/2 tệp" in html
    # Until the worker has read a file, its row says so and asks again: the request reads nothing.
    waiting = officer.get(reverse("web:ingest_row", args=[batch, 0])).content.decode()
    assert "Đang đọc" in waiting and 'hx-trigger="load delay:2s"' in waiting
    assert "Đã đọc <strong>0</strong>/2 tệp" in waiting
    read_import_batch.enqueue(str(uuid.UUID(hex=batch)))

    row = officer.get(reverse("web:ingest_row", args=[batch, 0])).content.decode()
    assert re.search(r'<mark data-field="[^"]*title[^"]*" title="[^"]*Trích yếu', row)
    assert 'value="297/BC-VHTT"' in row and 'value="21/10/2022"' in row
    assert "Đã đọc <strong>2</strong>/2 tệp." in row and 'hx-swap-oob="true"' in row
    docx_row = officer.get(reverse("web:ingest_row", args=[batch, 1])).content.decode()
    assert "Sở Công Thương" in docx_row


def test_corrected_fields_are_what_gets_registered(officer):
    batch = _batch_id(_upload(officer, FOUNDING, DOCX))
    data = {
        "unit": "",
        "t0-include": "on",
        "t0-kind": "BC",
        "t0-symbol": "297/BC-VHTT",
        "t0-issued_date": "2022-10-21",
        "t0-issuer": "Phòng Văn hoá và Thông tin",
        "t0-subject": "Công tác tuyên truyền CCHC năm 2022 (đã sửa)",
        "t1-kind": "CV",
        "t1-issuer": "Sở Công Thương",
        "t1-subject": "Bỏ qua",
    }
    response = officer.post(reverse("web:ingest_preview", args=[batch]), data)
    assert response.status_code == 302
    report = Document.objects.get(symbol="297/BC-VHTT")
    assert report.subject == "Công tác tuyên truyền CCHC năm 2022 (đã sửa)"
    assert report.issuer_unit.code == "huongtra-vhtt" and report.file
    assert not Document.objects.filter(subject="Bỏ qua").exists()  # left out: not ticked
    result = officer.get(response.url).content.decode()
    assert "Đã vào sổ văn bản" in result and "297/BC-VHTT" in result and "21/10/2022" in result
    # A batch is registered once.
    again = officer.post(reverse("web:ingest_preview", args=[batch]), data)
    assert again.status_code == 200 and Document.objects.filter(symbol="297/BC-VHTT").count() == 1


def test_a_missing_subject_is_shown_beside_the_field_and_nothing_is_saved(officer):
    batch = _batch_id(_upload(officer, FOUNDING))
    response = officer.post(
        reverse("web:ingest_preview", args=[batch]),
        {"t0-include": "on", "t0-kind": "BC", "t0-issuer": "Phòng Văn hoá và Thông tin", "t0-subject": ""},
    )
    assert response.status_code == 200
    assert "thiếu thông tin" in response.content.decode()
    assert not Document.objects.filter(symbol="297/BC-VHTT").exists()


def test_a_bad_file_shows_a_vietnamese_error_in_its_row_and_the_others_stay_usable(officer):
    bad = SimpleUploadedFile("hong.docx", b"PK\x03\x04 not really a zip")
    batch = _batch_id(_upload(officer, bad, FOUNDING))
    row = officer.get(reverse("web:ingest_row", args=[batch, 0]))
    assert row.status_code == 200
    assert "Không đọc được tệp “hong.docx”" in row.content.decode()
    good = officer.get(reverse("web:ingest_row", args=[batch, 1])).content.decode()
    assert 'value="297/BC-VHTT"' in good


def test_upload_refuses_other_types_and_too_many_files(officer):
    response = _upload(officer, SimpleUploadedFile("cai-dat.exe", b"MZ"))
    assert (
        response.status_code == 200
        and "chỉ nhận tệp TXT, MD, DOCX, DOC hoặc PDF" in response.content.decode()
    )
    many = [SimpleUploadedFile(f"{i}.txt", b"x") for i in range(51)]
    assert "tối đa 50 tệp" in _upload(officer, *many).content.decode()


def test_another_user_gets_not_found_for_a_batch(officer, client, demo_world_unissued):
    batch = _batch_id(_upload(officer, FOUNDING))
    client.logout()
    client.login(username="canbo.phuonghuongtra", password=PASSWORD)
    assert client.get(reverse("web:ingest_preview", args=[batch])).status_code == 404
    assert client.get(reverse("web:ingest_row", args=[batch, 0])).status_code == 404
    assert client.post(reverse("web:ingest_preview", args=[batch]), {}).status_code == 404


def test_users_who_may_register_nowhere_are_refused_the_import_in_vietnamese(client, make_user):
    make_user(None, username="khach", password="matkhau-thu-123")
    client.login(username="khach", password="matkhau-thu-123")
    response = client.get(reverse("web:ingest_upload"))
    assert response.status_code == 403
    assert "Bạn chưa được phân công vào sổ văn bản ở đơn vị nào." in response.content.decode()


def test_highlight_escapes_the_text_and_marks_overlapping_fields():
    html = str(highlight("<b>Số: 1/KH</b>", {"symbol": (7, 11), "number": (7, 8)}))
    assert html.startswith("&lt;b&gt;Số: ") and "<b>" not in html
    assert '<mark data-field="symbol number" title="Số, ký hiệu, Số">1</mark>' in html
    assert '<mark data-field="symbol" title="Số, ký hiệu">/KH</mark>' in html


def test_a_file_too_complex_to_read_shows_the_budget_message_in_its_row(officer, settings):
    settings.LOA_READ_SECONDS = 0.2
    big = SimpleUploadedFile("nang.txt", ("Dòng văn bản hành chính. " * 400_000).encode())
    batch = _batch_id(_upload(officer, big, FOUNDING))
    row = officer.get(reverse("web:ingest_row", args=[batch, 0]))
    html = row.content.decode()
    assert row.status_code == 200 and "Không đọc được" in html
    assert "Tệp «nang.txt» quá lớn hoặc quá phức tạp để đọc" in html
    again = officer.get(reverse("web:ingest_row", args=[batch, 0]))  # a reload reads nothing again
    assert again.status_code == 200 and again.content.decode() == html


def test_registering_while_files_are_being_read_waits_for_them(officer):
    batch = _batch_id(_upload(officer, FOUNDING), read=False)
    response = officer.post(reverse("web:ingest_preview", args=[batch]), {"unit": "", "t0-include": "on"})
    html = response.content.decode()
    assert response.status_code == 200 and "Loa đang đọc một số tệp" in html
    assert not Document.objects.filter(symbol="297/BC-VHTT").exists()


HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"
CHOSEN = {0: "PORTAL", 1: "RADIO", 2: "PANEL", 3: "MEETING"}


def _history_batch(client, *paths):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    return _batch_id(client.post(reverse("web:ingest_upload"), {"files": files, "figures": "on"}))


def _confirm(
    index: int, symbol: str, date: str, subject: str, chosen: dict[int, str], quantities: dict[int, str]
):
    data = {
        f"t{index}-include": "on",
        f"t{index}-kind": "BC",
        f"t{index}-symbol": symbol,
        f"t{index}-issued_date": date,
        f"t{index}-issuer": "Phòng Văn hóa và Thông tin",
        f"t{index}-subject": subject,
        f"t{index}-hs": "1",
    }
    for j, code in chosen.items():
        data[f"t{index}-hs-{j}-kenh"] = code
        data[f"t{index}-hs-{j}-sl"] = quantities[j]
    return data


def test_old_reports_figures_are_confirmed_on_the_import_page_and_shown_as_last_years(officer):
    from loa.activities.models import HistoricalFigure

    batch = _history_batch(officer, HISTORY / "bc-2020.txt", HISTORY / "bc-2021.txt")
    row = officer.get(reverse("web:ingest_row", args=[batch, 1])).content.decode()
    assert "Số liệu các năm trước từ báo cáo này" in row and "năm 2021" in row
    assert re.search(r'name="t1-hs-0-kenh">.*?<option value="PORTAL" selected>', row, re.S)
    assert 'name="t1-hs-1-sl" value="60"' in row
    data = {"unit": ""}
    data |= _confirm(
        0,
        "215/BC-VHTT",
        "2020-10-19",
        "Công tác tuyên truyền CCHC năm 2020",
        CHOSEN,
        {0: "12", 1: "48", 2: "2", 3: "3"},
    )
    # The officer corrects one figure and leaves another out.
    data |= _confirm(
        1,
        "231/BC-VHTT",
        "2021-10-22",
        "Công tác tuyên truyền CCHC năm 2021",
        {**CHOSEN, 3: "-"},
        {0: "18", 1: "65", 2: "1", 3: "4"},
    )
    response = officer.post(reverse("web:ingest_preview", args=[batch]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = {(f.period, f.channel.code): f.quantity for f in HistoricalFigure.objects.all()}
    assert stored[("2021", "RADIO")] == 65 and ("2021", "MEETING") not in stored
    assert stored[("2020", "MEETING")] == 3 and len(stored) == 7
    result = officer.get(response.url).content.decode()
    assert "Số liệu các năm trước đã nhập" in result and "Phát thanh, truyền thanh cơ sở" in result
    page = officer.get("/don-vi/huongtra-vhtt/", {"ky": "2022", "cap_duoi": "0"}).content.decode()
    radio = page.split('<tr data-channel="RADIO">')[1].split("</tr>")[0]
    previous = re.search(
        r'<td class="num previous">([\d.]+)(<span class="imported-mark"[^>]*>\*</span>)?</td>', radio
    )
    assert previous.group(1) != "0" and previous.group(2), radio  # counted, and marked as imported


def test_a_figure_left_unmatched_stops_the_import_with_a_message(officer):
    from loa.activities.models import HistoricalFigure

    batch = _history_batch(officer, HISTORY / "bc-2020.txt")
    data = _confirm(
        0,
        "215/BC-VHTT",
        "2020-10-19",
        "Công tác tuyên truyền CCHC năm 2020",
        {**CHOSEN, 2: ""},
        {0: "12", 1: "48", 2: "2", 3: "3"},
    )
    response = officer.post(reverse("web:ingest_preview", args=[batch]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "chọn hình thức tuyên truyền hoặc “Bỏ qua”" in html
    assert not Document.objects.filter(symbol="215/BC-VHTT").exists()
    assert not HistoricalFigure.objects.exists()


def test_a_document_that_is_not_a_report_says_so_and_can_still_be_registered(officer):
    batch = _history_batch(officer, DOCX)
    row = officer.get(reverse("web:ingest_row", args=[batch, 0])).content.decode()
    assert "Không nhập được số liệu: Chỉ nhập số liệu từ báo cáo" in row
