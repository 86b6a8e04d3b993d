"""What every browser test shares: Debian's chromium driven by Playwright, no browser download."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps dialling hosts this closed network refuses.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

needs_chromium = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Debian's chromium at {CHROMIUM}"),
]


def launch(playwright: Any) -> Any:
    """A headless chromium from the Debian package."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def log_in(page: Any, base_url: str, username: str, *, next_path: str = "/") -> None:
    """Sign in through the login form, as a person would, and wait for the page it leads to."""
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}{next_path}")


def wait_until(page: Any, expression: str, *, timeout: float = 10.0) -> None:
    """Wait until a JavaScript ``expression`` is true on the page.

    Not ``page.wait_for_function``: it compiles its argument inside the page, which the site's
    Content-Security-Policy (no 'unsafe-eval') refuses. ``page.evaluate`` runs through the
    DevTools protocol, outside the page's policy, so the CSP stays on while the tests run.
    """
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


_SELECT_TEXT = """([boxId, phrase]) => {
    const box = document.getElementById(boxId);
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const at = node.data.indexOf(phrase);
        if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return;
        }
    }
    throw new Error('phrase not found');
}"""


def select_text(page: Any, box_id: str, phrase: str) -> None:
    """Select ``phrase`` inside the element ``box_id`` as a reader's mouse would, and release the
    button there (the pages open their "add" or "move the span" panel on mouseup)."""
    page.evaluate(_SELECT_TEXT, [box_id, phrase])
