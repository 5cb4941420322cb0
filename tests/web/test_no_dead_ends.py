"""No dead ends: every menu item and page button a demo user sees works for that user; refused and
missing pages are Loa's own Vietnamese pages with the menu (DEBUG off, as in production)."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.urls import include, path

from loa.plans.models import Orientation

DEMO_USERS = [
    "canbo.vhtt",
    "lanhdao.vhtt",
    "vanthu.vhtt",
    "noivu.huongtra",
    "canbo.ttvhtt",
    "canbo.phuonghuongtra",
    "noivu.hue",
    "quantri",
]
ENGLISH_LEFTOVERS = [
    "Not Found",
    "Forbidden",
    "Server Error",
    "Choose File",
    "No file chosen",
    "Select an option",
    "This field is required",
    "Enter a valid",
]


def _boom(request):
    raise RuntimeError("lỗi thử")


def _refuse(request):
    raise PermissionDenied("Bạn không được giao việc này.")


urlpatterns = [
    path("thu/hong/", _boom),
    path("thu/tu-choi/", _refuse),
    path("", include("loa.config.urls")),
]
handler403 = "loa.web.views.errors.permission_denied"
handler404 = "loa.web.views.errors.page_not_found"
handler500 = "loa.web.views.errors.server_error"


class _Links(HTMLParser):
    """Same-origin links: the menu's (inside <nav>) and the page's (buttons styled as links)."""

    def __init__(self):
        super().__init__()
        self.menu: list[str] = []
        self.page: list[str] = []
        self._nav = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav":
            self._nav += 1
        if tag == "a" and a.get("href"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#"):
                return
            (self.menu if self._nav else self.page).append(href.replace("&amp;", "&"))

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav -= 1


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _menu_labels(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Chức năng chính">(.*?)</nav>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1)) if nav else []


# Pages a walk does not open: logging out ends it; PDFs go through LibreOffice (tested elsewhere).
_NOT_WALKED = re.compile(r"^/dang-xuat/|\.pdf(\?|$)|/tep\.pdf")
_MAX_PAGES = 400


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_link_a_demo_user_is_shown_works_for_that_user(client, demo_world, username):
    """Breadth first from the home page through every same-site link shown (GET only, downloads and
    the admin included, up to 400 pages): none is a 4xx or 5xx, none shows English leftovers."""
    client.login(username=username, password="Loa@2022")
    home = client.get("/", follow=True)
    assert home.status_code == 200
    assert _links(home.content.decode()).menu, username
    queue = deque([("/", "(đăng nhập)")])
    seen = {"/"}
    problems = []
    while queue and len(seen) <= _MAX_PAGES:
        href, came_from = queue.popleft()
        response = client.get(href, follow=True)
        if response.status_code != 200:
            problems.append(f"{response.status_code} {href} (từ {came_from})")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        problems += [f"tiếng Anh «{w}» trên {href}" for w in ENGLISH_LEFTOVERS if w in html]
        found = _links(html)
        for link in found.menu + found.page:
            if link.startswith("/static/") or _NOT_WALKED.search(link) or link in seen:
                continue
            seen.add(link)
            queue.append((link, href))
    assert len(seen) > 20, (username, len(seen))
    assert not problems, f"{username}:\n" + "\n".join(problems)


def test_the_clerk_registers_and_imports_but_records_no_activity(client, demo_world):
    client.login(username="vanthu.vhtt", password="Loa@2022")
    html = client.get("/hoat-dong/").content.decode()
    assert "Nhập văn bản" in _menu_labels(html)
    assert "+ Ghi nhận hoạt động" not in html
    assert "+ Lập kế hoạch" not in client.get("/ke-hoach/").content.decode()
    documents = client.get("/van-ban/").content.decode()
    assert "+ Vào sổ văn bản" in documents
    assert client.get("/van-ban/them/").status_code == 200
    assert client.get("/nhap-van-ban/").status_code == 200


@pytest.mark.parametrize(("username", "code"), [("noivu.huongtra", "huongtra"), ("noivu.hue", "ubnd-hue")])
def test_a_coordinator_plans_orients_its_subtree_and_imports(client, demo_world, username, code):
    client.login(username=username, password="Loa@2022")
    assert "Nhập văn bản" in _menu_labels(client.get("/ke-hoach/").content.decode())
    assert "+ Lập kế hoạch" in client.get("/ke-hoach/").content.decode()
    assert client.get("/ke-hoach/them/").status_code == 200
    assert client.get("/nhap-van-ban/").status_code == 200
    sent = client.get(f"/don-vi/{code}/dinh-huong/").content.decode()
    assert "+ Gửi định hướng" in sent
    form = client.get(f"/don-vi/{code}/dinh-huong/gui/")
    assert form.status_code == 200
    recipients = form.context["form"].fields["recipients"].choices
    assert recipients
    unit = demo_world[code]
    from loa.organizations.selectors import unit_subtree_ids

    below = unit_subtree_ids(unit_ids=[unit.id])
    assert {pk for pk, _ in recipients} <= below - {unit.id}
    response = client.post(
        f"/don-vi/{code}/dinh-huong/gui/",
        {
            "month": "03/2025",
            "topics": "Tuyên truyền sắp xếp đơn vị hành chính",
            "recipients": [recipients[0][0]],
        },
    )
    assert response.status_code == 302
    assert Orientation.objects.filter(unit=unit, month__year=2025, month__month=3).exists()


def test_a_coordinator_still_records_nothing_for_the_units_below(client, demo_world):
    client.login(username="noivu.huongtra", password="Loa@2022")
    assert client.get("/don-vi/huongtra-vhtt/dinh-huong/gui/").status_code == 403
    assert "+ Gửi định hướng" not in client.get("/don-vi/huongtra-vhtt/dinh-huong/").content.decode()


def test_orientation_recipients_are_the_senders_subtree_only(client, demo_world):
    """A ward orients nobody else (it has no units below); a town office orients its town's units."""
    client.login(username="canbo.phuonghuongtra", password="Loa@2022")
    sent = client.get("/don-vi/phuong-huong-tra/dinh-huong/").content.decode()
    assert "+ Gửi định hướng" not in sent
    form = client.get("/don-vi/phuong-huong-tra/dinh-huong/gui/")
    assert form.context["form"].fields["recipients"].choices == []
    client.logout()
    client.login(username="canbo.vhtt", password="Loa@2022")
    form = client.get("/don-vi/huongtra-vhtt/dinh-huong/gui/")
    names = {name for _, name in form.context["form"].fields["recipients"].choices}
    assert "Ủy ban nhân dân phường Tứ Hạ" in names
    assert "Ủy ban nhân dân thành phố Huế" not in names and "Phòng Văn hoá và Thông tin" not in names


def test_the_orientation_hub_lists_current_units_first_and_marks_dissolved_ones(client, demo_world):
    client.login(username="noivu.hue", password="Loa@2022")
    html = client.get("/dinh-huong/").content.decode()
    rows = re.findall(r"<tr( class=\"ended\")?><th scope=\"row\">(.*?)</th>", html)
    assert rows and any(ended for ended, _ in rows) and any(not ended for ended, _ in rows)
    flags = [bool(ended) for ended, _ in rows]
    assert flags == sorted(flags), "dissolved units come after the current ones"
    # The town's units end on 30/06/2025; tỉnh Thừa Thiên Huế (read through lineage) on 31/12/2024.
    assert all(re.search(r"đến (30/06/2025|31/12/2024)", name) for ended, name in rows if ended)


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_missing_page_is_loas_vietnamese_404_with_the_menu(client, demo_world):
    client.login(username="canbo.vhtt", password="Loa@2022")
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and "Not Found" not in html
    assert "Hoạt động" in _menu_labels(html)
    client.logout()
    anonymous = client.get("/khong-co/").content.decode()
    assert "Không tìm thấy trang" in anonymous and "Đăng nhập" in anonymous


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_refusal_is_loas_vietnamese_403_with_its_reason(client, demo_world):
    client.login(username="canbo.vhtt", password="Loa@2022")
    response = client.get("/thu/tu-choi/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện việc này" in html and "Bạn không được giao việc này." in html
    assert "Hoạt động" in _menu_labels(html)


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_crash_is_loas_vietnamese_500_with_the_menu(client, demo_world):
    client.raise_request_exception = False
    client.login(username="canbo.vhtt", password="Loa@2022")
    response = client.get("/thu/hong/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Loa đang gặp sự cố" in html and "Server Error" not in html and "lỗi thử" not in html
    assert "Hoạt động" in _menu_labels(html)


def test_the_500_page_still_shows_when_the_menu_itself_fails(db):
    from loa.web.views import errors

    request = RequestFactory().get("/")
    with mock.patch.object(errors, "render", side_effect=RuntimeError("database down")):
        response = errors.server_error(request)
    assert response.status_code == 500 and "Loa đang gặp sự cố" in response.content.decode()


def test_a_stale_form_is_refused_in_vietnamese(demo_world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.login(username="canbo.vhtt", password="Loa@2022")
    response = client.post("/hoat-dong/them/", {"title": "x"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_the_favicon_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("loa/favicon.svg")
    html = client.get("/dang-nhap/").content.decode()
    assert 'rel="icon"' in html


def test_the_footer_links_the_user_guide_which_is_a_page_of_the_app(client, db):
    login_page = client.get("/dang-nhap/").content.decode()
    assert 'href="/huong-dan/">Hướng dẫn sử dụng</a>' in login_page
    assert "dd/mm/yyyy" not in login_page.split("<footer")[1]
    guide = client.get("/huong-dan/")
    html = guide.content.decode()
    assert guide.status_code == 200
    assert "<h1>Hướng dẫn sử dụng Loa</h1>" in html and "<h2>Ghi nhận hoạt động</h2>" in html
    assert "<strong>+ Ghi nhận hoạt động</strong>" in html and "<li>" in html


@pytest.mark.parametrize(
    ("username", "imports", "admin"),
    [
        ("canbo.vhtt", True, False),
        ("lanhdao.vhtt", True, False),
        ("vanthu.vhtt", True, False),
        ("noivu.huongtra", True, False),
        ("canbo.ttvhtt", True, False),
        ("canbo.phuonghuongtra", True, False),
        ("noivu.hue", True, False),
        ("quantri", True, True),
    ],
)
def test_each_demo_role_has_the_menu_of_what_it_may_do(client, demo_world, username, imports, admin):
    client.login(username=username, password="Loa@2022")
    labels = _menu_labels(client.get("/hoat-dong/").content.decode())
    for always in ["Hoạt động", "Kế hoạch", "Định hướng", "Văn bản", "Kiểm tra thể thức"]:
        assert always in labels
    assert ("Nhập văn bản" in labels) is imports
    assert ("Quản trị" in labels) is admin


def test_a_user_without_a_unit_sees_no_import_and_is_refused_recording_in_vietnamese(client, make_user):
    make_user(None, username="khach", password="matkhau-thu-123")
    client.login(username="khach", password="matkhau-thu-123")
    html = client.get("/hoat-dong/").content.decode()
    assert "Nhập văn bản" not in _menu_labels(html) and "+ Ghi nhận hoạt động" not in html
    for url in ["/hoat-dong/them/", "/ke-hoach/them/", "/van-ban/them/", "/nhap-van-ban/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Bạn không có quyền thực hiện việc này" in response.content.decode()
