"""Reflow at 320 CSS px (WCAG 1.4.10) and text at 200 % (WCAG 1.4.4)."""

import pytest

from .conftest import visit
from .pages import URLS

pytestmark = pytest.mark.browser

OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 1)
        .filter((el) => !el.closest('.visually-hidden') && !el.matches('.skip-link'))
        .slice(0, 5)
        .map((el) => {
            const right = Math.round(el.getBoundingClientRect().right);
            return `<${el.tagName.toLowerCase()} class="${el.className}"> right=${right}`;
        });
}"""

# Doubles the root font size (text-only zoom: every size in rem/em grows) and lists what then
# cuts text off: elements that clip their overflow and whose content no longer fits, and text
# whose font size did not grow (set in px), which text zoom would not enlarge either.
ENLARGE_TEXT = """() => {
    const hasOwnText = (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const texts = [...document.querySelectorAll('body *')].filter((el) => hasOwnText(el) && el.checkVisibility());
    const before = new Map(texts.map((el) => [el, parseFloat(getComputedStyle(el).fontSize)]));
    document.documentElement.style.fontSize = '200%';
    const describe = (el) => `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ''}> `
        + el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
    const problems = [];
    for (const el of texts) {
        const ratio = parseFloat(getComputedStyle(el).fontSize) / before.get(el);
        if (ratio < 1.9) problems.push(`text does not grow (x${ratio.toFixed(2)}): ${describe(el)}`);
    }
    for (const el of document.querySelectorAll('body *')) {
        if (!el.checkVisibility() || !el.textContent.trim()) continue;
        if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;  // visually hidden on purpose
        const style = getComputedStyle(el);
        const clipsX = ['hidden', 'clip'].includes(style.overflowX);
        const clipsY = ['hidden', 'clip'].includes(style.overflowY);
        if (clipsX && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off at the side: ${describe(el)}`);
        if (clipsY && el.scrollHeight > el.clientHeight + 1) problems.push(`cut off below: ${describe(el)}`);
        if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) {
            problems.push(`shortened with an ellipsis: ${describe(el)}`);
        }
    }
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > document.documentElement.clientWidth) problems.push(`page scrolls sideways: ${scrollWidth}px`);
    return problems;
}"""


@pytest.mark.parametrize("path", URLS)
def test_no_horizontal_scrolling_at_320_px(new_page, path):
    page = new_page(width=320, height=800)
    visit(page, path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{path} is {scroll_width}px wide at 320px: {page.evaluate(OVERFLOWING)}"


@pytest.mark.parametrize("path", URLS)
def test_nothing_cut_off_at_200_percent_text(new_page, path):
    page = new_page(width=1280, height=800)
    visit(page, path)
    problems = page.evaluate(ENLARGE_TEXT)
    assert not problems, f"{path} at 200 % text:\n" + "\n".join(problems[:15])
