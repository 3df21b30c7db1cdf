"""Screenshots of every page type at 360 and 1280 px into var/screenshots/ (ignored by git)."""

import pytest

from .conftest import SCREENSHOT_DIR, screenshot_name, visit
from .pages import SCREENSHOT_WIDTHS, URLS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", URLS)
def test_screenshots(new_page, path):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width in SCREENSHOT_WIDTHS:
        page = new_page(width=width)
        visit(page, path)
        target = SCREENSHOT_DIR / screenshot_name(path, width)
        page.screenshot(path=target, full_page=True)
        assert target.stat().st_size > 0
