"""The "Chấm điểm CCHC" pages: the section in the menu for those who need it, the officer's page
with Loa's proposals and their evidence, refusals shown as messages, the coordinator's round page,
and the downloads (ranking, criteria set, evidence pack)."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from loa.scoring.models import Score


@pytest.fixture
def pages(opened, client):
    def as_user(user):
        client.force_login(user)
        return client

    return opened, as_user


def test_the_section_is_in_the_menu_of_coordinators_and_of_units_being_scored(pages, make_user):
    w, as_user = pages
    menu = reverse("web:scoring_index")
    assert menu in as_user(w["coordinator"]).get(reverse("web:home"), follow=True).content.decode()
    page = as_user(w["vhtt_officer"]).get(menu).content.decode()
    assert "Phòng Văn hóa thử" in page and "Đang tự chấm" in page
    assert "Mở đợt chấm điểm" not in page
    outsider = make_user(w["other"], "officer")
    assert menu not in as_user(outsider).get(reverse("web:home"), follow=True).content.decode()


def test_the_officer_sees_each_proposal_how_it_was_counted_and_its_evidence(pages):
    w, as_user = pages
    a = w["a"]["tx-vhtt"]
    page = as_user(w["vhtt_officer"]).get(reverse("web:scoring_assessment", args=[a.pk])).content.decode()
    assert "Đạt 2/2 chỉ tiêu" in page and "đã được tiếp nhận" in page
    assert "Hội nghị quán triệt CCHC" in page and "https://vhtt.example.gov.vn/tin-1" in page
    assert "Lưu 2.1" in page and "Nộp bản tự đánh giá" not in page  # the leader submits


def test_an_override_without_explanation_is_refused_in_vietnamese_and_nothing_is_saved(pages):
    w, as_user = pages
    a = w["a"]["tx-vhtt"]
    client = as_user(w["vhtt_officer"])
    url = reverse("web:scoring_score_save", args=[a.pk])
    response = client.post(url, {"tieu_chi": "2.1", "diem": "0,5", "giai_trinh": ""}, follow=True)
    assert "cần ghi giải trình" in response.content.decode()
    assert Score.objects.get(assessment=a, criterion__code="2.1").self_score is None
    response = client.post(url, {"tieu_chi": "2.1", "diem": "9", "giai_trinh": "Thử"}, follow=True)
    assert "phải từ 0 đến 1 (điểm tối đa)" in response.content.decode()
    client.post(url, {"tieu_chi": "2.1", "diem": "0,5", "giai_trinh": "Thiếu biên bản"})
    assert Score.objects.get(assessment=a, criterion__code="2.1").self_score == 0.5


def test_the_coordinators_round_page_and_downloads(pages):
    w, as_user = pages
    client = as_user(w["coordinator"])
    pk = w["round"].pk
    page = client.get(reverse("web:scoring_round_detail", args=[pk])).content.decode()
    assert "Kết thúc đợt, xếp hạng" in page and "Phòng Tư pháp thử" in page
    annex = client.get(reverse("web:scoring_round_annex", args=[pk]))
    assert annex["Content-Type"].startswith("application/vnd.openxmlformats")
    exported = json.loads(client.get(reverse("web:scoring_set_export", args=[pk, "json"])).content)
    assert exported["code"] == "bo-thu-2022" and exported["total"] == 5
    assert client.get(reverse("web:scoring_set_export", args=[pk, "docx"])).status_code == 404
    a = w["a"]["tx-vhtt"]
    pack = client.get(reverse("web:scoring_evidence", args=[a.pk]))
    assert pack["Content-Type"] == "application/zip"
    assert "muc-luc.html" in zipfile.ZipFile(io.BytesIO(pack.content)).namelist()


def test_another_units_officer_cannot_open_the_assessment(pages):
    w, as_user = pages
    a = w["a"]["tx-vhtt"]
    assert as_user(w["tp_officer"]).get(reverse("web:scoring_assessment", args=[a.pk])).status_code == 404


def test_the_header_says_whose_totals_they_are_before_anyone_scores(pages):
    """Before the unit changes a score its total is Loa's proposal, and nobody has appraised yet:
    the header says so instead of showing the proposal as a self-score and an appraisal."""
    w, as_user = pages
    a = w["a"]["tx-vhtt"]
    client = as_user(w["vhtt_officer"])
    url = reverse("web:scoring_assessment", args=[a.pk])
    page = client.get(url).content.decode()
    assert "chưa sửa điểm nào, đang theo đề xuất" in page
    assert '<span class="final-total">chưa thẩm định</span>' in page
    client.post(
        reverse("web:scoring_score_save", args=[a.pk]),
        {"tieu_chi": "2.1", "diem": "0,5", "giai_trinh": "Thiếu biên bản"},
    )
    page = client.get(url).content.decode()
    assert "đơn vị đang tự chấm" in page and "chưa sửa điểm nào" not in page
    assert "chưa thẩm định" in page
