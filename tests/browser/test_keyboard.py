"""Keyboard: skip link first, every control reachable in DOM order with a visible focus, no trap."""

import pytest

from .conftest import visit
from .pages import KEYBOARD_URLS

pytestmark = pytest.mark.browser

# Marks every element a keyboard user should reach, in DOM order, and records each focus change
# with the focused element's focus styles (read while it has focus, so :focus-visible applies).
MARK_FOCUSABLES = """() => {
    const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
        + 'audio[controls], video[controls], [contenteditable]:not([contenteditable="false"]), [tabindex]';
    const reachable = (el) => {
        if (el.disabled || (el.tagName === 'INPUT' && el.type === 'hidden')) return false;
        if (el.hasAttribute('tabindex') && el.tabIndex < 0) return false;
        if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') return false;
        if (el.closest('[inert]')) return false;
        return el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
    };
    const describe = (el) => {
        const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
        return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> ${text.slice(0, 50)}`;
    };
    const elements = [...document.querySelectorAll(selector)].filter(reachable);
    elements.forEach((el, index) => { el.dataset.kbIndex = index; });
    window.__focusLog = [];
    document.addEventListener('focusin', (event) => {
        const el = event.target;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
            && style.outlineColor !== 'rgba(0, 0, 0, 0)';
        window.__focusLog.push({
            index: el.dataset.kbIndex === undefined ? null : Number(el.dataset.kbIndex),
            description: describe(el),
            visibleFocus: outline || style.boxShadow !== 'none',
        });
    });
    return elements.map((el) => ({
        description: describe(el),
        radioGroup: el.type === 'radio' ? el.name : null,
    }));
}"""

ACTIVE = """() => {
    const el = document.activeElement;
    return {tag: el.tagName, id: el.id, className: el.className, text: el.textContent.trim()};
}"""


@pytest.mark.parametrize("path", KEYBOARD_URLS)
def test_skip_link_is_first_and_moves_focus_to_main(new_page, path):
    page = new_page(width=1280)
    visit(page, path)
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert (first["tag"], first["className"], first["text"]) == ("A", "skip-link", "Zum Inhalt springen"), first
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0, f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    target = page.evaluate(ACTIVE)
    assert (target["tag"], target["id"]) == ("MAIN", "inhalt"), target

    # The next Tab continues inside main, not at the top of the page again.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main#inhalt').contains(document.activeElement)"), page.evaluate(
        ACTIVE
    )


@pytest.mark.parametrize("path", KEYBOARD_URLS)
def test_tab_reaches_every_control_in_order_with_visible_focus(new_page, path):
    page = new_page(width=1280)
    visit(page, path)
    elements = page.evaluate(MARK_FOCUSABLES)
    assert elements, "nothing focusable"

    # Tab until focus has passed the last element and come back round to the first: that it
    # comes back proves that no element keeps the focus. Bounded, so a trap fails instead of hanging.
    log = []
    for _ in range(len(elements) + 50):
        page.keyboard.press("Tab")
        log = page.evaluate("window.__focusLog")
        if len(log) > 1 and log[-1]["index"] == 0 and any(entry["index"] == len(elements) - 1 for entry in log):
            break
    else:
        last = log[-1]["description"] if log else "nichts"
        pytest.fail(f"focus did not come back to the skip link after {len(elements) + 50} Tabs; last: {last}")

    # Video players and frames keep focus for several Tabs (their own controls): count them once.
    sequence = [entry for i, entry in enumerate(log[:-1]) if i == 0 or entry["index"] != log[i - 1]["index"]]

    unknown = [entry["description"] for entry in sequence if entry["index"] is None]
    assert not unknown, f"focus went to elements that are hidden or not controls: {unknown}"

    indexes = [entry["index"] for entry in sequence]
    backwards = [
        f"{elements[a]['description']} → {elements[b]['description']}" for a, b in zip(indexes, indexes[1:]) if b <= a
    ]
    assert not backwards, f"focus order differs from the reading (DOM) order: {backwards}"

    reached = set(indexes)
    reached_groups = {elements[i]["radioGroup"] for i in reached if elements[i]["radioGroup"]}
    missed = [
        element["description"]
        for i, element in enumerate(elements)
        if i not in reached and not (element["radioGroup"] and element["radioGroup"] in reached_groups)
    ]
    assert not missed, f"not reachable with Tab: {missed}"

    invisible = [entry["description"] for entry in sequence if not entry["visibleFocus"]]
    assert not invisible, f"focus not visible (no outline, no box-shadow) on: {invisible}"
