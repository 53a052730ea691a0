"""The copy button on the reminders page puts the whole message on the clipboard."""

from __future__ import annotations

from .conftest import DESKTOP
from .pages import REMINDERS


def test_copy_button_copies_the_whole_message(browser):
    context = browser.new_context(**DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        opened = browser.open(context, REMINDERS)
        page = opened.page
        messages = page.locator("section.trainops-message")
        assert messages.count() > 1
        # The last message of the page too, not only the first: every message has its button.
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
