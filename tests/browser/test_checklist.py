"""The launch checklist's pass and fail are readable without colour: words and symbols."""

from __future__ import annotations

from .pages import CHECKLIST


def test_pass_and_fail_are_said_in_words_and_symbols(browser):
    page = browser.page(CHECKLIST).page
    items = page.locator("li.trainops-check")
    assert items.count() > 0
    states = set()
    for text in items.evaluate_all("items => items.map(li => li.innerText)"):
        mark, _, rest = text.partition(" ")
        assert (mark, rest.split(":")[0] + ":") in {("✓", "Passed:"), ("✗", "Failed:")}, text
        states.add(mark)
    assert states == {"✓", "✗"}  # the example has both, so both are checked
    banner = page.locator(".trainops-readiness .admonition-title").inner_text()
    assert banner.startswith("✗ Not ready:")
    # The words are shown and spoken: only the symbol is hidden from screen readers.
    state = page.locator("li.trainops-check--fail .trainops-check__state").first
    assert state.is_visible() and state.get_attribute("aria-hidden") is None
