"""Browser tests: Debian's Chromium driven by pytest-playwright against Django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LOA_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Không tìm thấy Chromium tại {CHROMIUM}: cài gói Debian `chromium` (make test tự cài khi chạy bằng root)."
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "env": {**os.environ, "LANG": "vi_VN.UTF-8", "LANGUAGE": "vi"},
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=vi",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo loaded."""
    from loa.demo import demo_load

    demo_load()
    return live_server.url


@pytest.fixture
def login(page, site):
    def do(username: str, password: str = "Loa@2022"):
        page.goto(f"{site}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        return page

    return do


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    return take
