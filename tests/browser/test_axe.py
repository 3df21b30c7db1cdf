"""axe-core on every page type: no violations of WCAG 2.0/2.1 A and AA and WCAG 2.2 AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import visit
from .pages import FEEDBACK_SUBMIT_LABEL, FEEDBACK_URL, URLS

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def axe_violations(page):
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def describe(path, violations):
    """One line per rule: id, impact, help and the first few elements it found."""
    lines = [f"{len(violations)} axe-Regel(n) verletzt auf {path}:"]
    for violation in violations:
        targets = [
            " ".join(map(str, node["target"])) if isinstance(node["target"], list) else str(node["target"])
            for node in violation["nodes"][:3]
        ]
        more = f" (+{len(violation['nodes']) - 3} weitere)" if len(violation["nodes"]) > 3 else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']} – {'; '.join(targets)}{more}"
            f"\n  {violation['helpUrl']}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("path", URLS)
def test_page_has_no_axe_violations(new_page, path):
    page = new_page(width=1280)
    visit(page, path)
    violations = axe_violations(page)
    assert not violations, describe(path, violations)


def test_home_page_on_a_phone_has_no_axe_violations(new_page):
    """The narrow layout has sizes and positions of its own (target size, overlapping text)."""
    page = new_page(width=360)
    visit(page, "/")
    violations = axe_violations(page)
    assert not violations, describe("/ (360 px)", violations)


def test_feedback_form_errors_have_no_violations(new_page):
    page = new_page(width=1280)
    response = page.goto(FEEDBACK_URL)
    if response.status == 404:
        pytest.skip("Feedback-Formular noch nicht vorhanden")
    assert response.status == 200, f"{FEEDBACK_URL}: HTTP {response.status}"
    # The server's own error messages are what is checked: the browser's validation of
    # `required` fields would stop the empty form before it is sent.
    page.evaluate("document.querySelectorAll('form').forEach((form) => { form.noValidate = true; })")
    with page.expect_navigation():
        page.get_by_role("button", name=FEEDBACK_SUBMIT_LABEL).click()
    errors = page.locator("[aria-invalid='true'], [role='alert'], .errorlist, [class*='error']")
    assert errors.count() > 0, "the empty feedback form shows no errors"
    violations = axe_violations(page)
    assert not violations, describe(f"{FEEDBACK_URL} (leer abgeschickt)", violations)
