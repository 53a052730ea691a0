"""The launch checklist: what to fix first on top, passes folded; pass and fail readable without
colour (words and symbols)."""

from __future__ import annotations

from .pages import CHECKLIST


def test_fix_these_first_comes_first_in_words(browser):
    page = browser.page(CHECKLIST).page
    fixes = page.locator("li.trainops-fix")
    texts = fixes.evaluate_all("items => items.map(li => li.innerText)")
    # Overdue messages first, whatever the session's date; then what blocks a session soon; then the rest.
    assert texts and all(t.startswith(("✗ Today:", "✗ Blocking:", "✗ Later:")) for t in texts), texts
    assert texts[0].startswith("✗ Today:") and texts[-1].startswith("✗ Later:")
    assert any(t.startswith("✗ Blocking:") for t in texts)
    assert "Day 1 - Welcome, Mon 26 Apr 2027: no backup plan" in texts[-2]
    # The list sits above the first group of the full checklist.
    top = page.evaluate("document.querySelector('li.trainops-fix').getBoundingClientRect().top")
    group = page.evaluate("document.querySelector('#audience').getBoundingClientRect().top")
    assert top < group


def test_pass_and_fail_are_said_in_words_and_symbols(browser):
    page = browser.page(CHECKLIST).page
    items = page.locator("li.trainops-check")
    assert items.count() > 0
    states = set()
    for text in items.evaluate_all("items => items.map(li => li.textContent.trim())"):
        mark, _, rest = text.partition(" ")
        assert (mark, rest.split(":")[0] + ":") in {("✓", "Passed:"), ("✗", "Failed:")}, text
        states.add(mark)
    assert states == {"✓", "✗"}  # the example has both, so both are checked
    banner = page.locator(".trainops-readiness .admonition-title").inner_text()
    assert banner.startswith("✗ Not ready:")
    # The words are shown and spoken: only the symbol is hidden from screen readers.
    state = page.locator("li.trainops-check--fail .trainops-check__state").first
    assert state.is_visible() and state.get_attribute("aria-hidden") is None


def test_passes_are_folded_and_open_on_a_click(browser):
    page = browser.page(CHECKLIST).page
    passed = page.locator("details.trainops-passes").nth(1)  # Logistics: 9 passed
    assert not passed.locator("li.trainops-check--pass").first.is_visible()
    assert page.locator("li.trainops-check--fail").first.is_visible()
    passed.locator("summary").click()
    assert passed.locator("li.trainops-check--pass").first.is_visible()
    passed.locator("summary").click()  # leave the shared page as it was
