"""The reflow and accessibility check shared by the browser tests: at 320 CSS pixels wide the
page does not scroll sideways (WCAG 2.2 1.4.10; wide tables scroll inside their own container),
and axe-core (from npm, see package.json) finds no WCAG 2.2 A or AA violation."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTH = 320


def narrow_context(browser, live_server, settings):
    """A browser context 320 CSS pixels wide. The Content-Security-Policy is bypassed only so
    that the test can add axe-core's script to the page; the application's scripts are unchanged.
    Static files are served by their plain names (the live server has no hashed copies)."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does).")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": WIDTH, "height": 900},
        device_scale_factor=1,
        bypass_csp=True,
    )


def sign_in(page, username: str) -> None:
    """Sign in on a page of its own context (the narrow one), as the journeys' staff do."""
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def findings(page, what: str) -> list[str]:
    """What is wrong with the page as it is now: sideways scrolling, then axe's violations."""
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        # The elements sticking out, outside any table's own scroll container, to say where.
        wide = page.evaluate(
            """limit => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1
                             && (!e.closest('.app-table-container, .app-table-scroll')
                                 || getComputedStyle(e).position === 'absolute'))
                .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' +
                    String(e.className).trim().replace(/\\s+/g, '.') + ' ' +
                    Math.round(e.getBoundingClientRect().right) + 'px')""",
            WIDTH,
        )
        found.append(f"{what} [{page.url}]: {width} px wide at {WIDTH} px; sticking out: {wide}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_A_AA
    )
    for violation in result["violations"]:
        targets = "; ".join(
            str(n["target"][0]) if n["target"] else "?" for n in violation["nodes"][:3]
        )
        found.append(
            f"{what} [{page.url}]: {violation['id']} ({violation['impact']}): "
            f"{violation['help']} — {targets}"
        )
    return found


def check(page, what: str) -> None:
    problems = findings(page, what)
    assert problems == [], "\n".join(problems)


class Crawl:
    """Visits pages one after another and keeps every finding, so one run lists them all."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, what: str) -> None:
        self.checked.append(what)
        self.problems += findings(self.page, what)

    def visit(self, url: str, what: str | None = None) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status < 400, f"{what or url}: {response.status}"
        self.check(what or url)

    def submit_empty(self, what: str, button: str | None = None) -> None:
        """Send the page's main form as it stands (usually with nothing filled in) and check
        what comes back: the form showing its errors, or the page the action leads to."""
        form = self.page.locator("main form[method=post], main form[method=POST]").last
        submit = (
            form.get_by_role("button", name=button, exact=True)
            if button
            else form.locator("button[type=submit], button:not([type])").last
        )
        submit.click()
        self.page.wait_for_load_state()
        self.check(what)

    def assert_clean(self) -> None:
        # The pages checked, for the record (shown with pytest -rP).
        print(f"{len(self.checked)} pages checked:", *self.checked, sep="\n  ")
        assert self.problems == [], (
            f"{len(self.problems)} problems on {len(self.checked)} pages checked:\n"
            + "\n".join(self.problems)
        )
