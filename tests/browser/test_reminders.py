"""The reminders page: the messages due now first and open, later ones folded by week; the copy
button puts the whole message on the clipboard."""

from __future__ import annotations

from tests.helpers.browser import DESKTOP

from .pages import REMINDERS


def test_due_now_first_later_folded_and_the_page_short(browser):
    page = browser.page(REMINDERS).page
    due = page.locator("h2#send-now + .trainops-section section.trainops-message")
    assert due.count() == 3 and all(due.nth(i).is_visible() for i in range(3))
    assert due.first.locator(".trainops-message__send").inner_text().startswith("⚠ Overdue:")
    weeks = page.locator("details.trainops-week")
    assert weeks.count() > 1 and not weeks.first.locator("section.trainops-message").first.is_visible()
    assert page.evaluate("document.documentElement.scrollHeight") < 6000  # was 17,000 px with every message open


def test_copy_button_copies_the_whole_message(browser):
    context = browser.new_context(**DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        opened = browser.open(context, REMINDERS)
        page = opened.page
        messages = page.locator("section.trainops-message")
        assert messages.count() > 1
        # The last message of the page too (in the last week, opened first): every message has its button.
        page.locator("details.trainops-week summary").last.click()
        for message in (messages.first, messages.last):
            text = message.locator("pre > code").text_content()
            assert text.startswith("Subject: ")
            message.locator("pre").hover()
            button = message.locator("pre button[title='Copy to clipboard']")
            button.click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.rstrip() == text.rstrip(), "the clipboard does not hold the message as shown"
        assert opened.errors == [], "\n".join(opened.errors)
    finally:
        context.close()
