"""Browser tests: Playwright driving Debian's Chromium against a live server of the real app.

- Chromium is launched by its executable path (`/usr/bin/chromium`, or $CHROMIUM): browser downloads are
  impossible here. Missing, the tests FAIL (never skip), so CI cannot go green without them.
- Every test records each request the page makes and fails if one leaves the live server's origin.
- `DASHBOARD_SCREENSHOTS=1` (`make screenshots`) saves a PNG of each page the tests visit into
  docs/screenshots/ (the whole page; the top of it for the docs, whose full pages weigh megabytes).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import make_persona

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are
# ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "a long enough passphrase 42"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: apt-get install -y chromium (or set CHROMIUM).")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 860}}


@pytest.fixture
def requests_seen(page, live_server):
    """Every URL the page asks for; after the test, all must be on the live server's origin."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    yield seen
    origin = live_server.url.rstrip("/") + "/"
    # blob: URLs of the page's own origin (a worker Redoc starts) are made in the page, not fetched.
    local = (origin, "data:", "about:", "blob:" + origin)
    outside = [url for url in seen if not url.startswith(local)]
    assert outside == [], f"requests left the server: {outside}"


@pytest.fixture
def app(page, live_server, requests_seen):
    """The page, pointed at the live server, with helpers for signing in and screenshots."""
    return Dashboard(page, live_server.url)


class Dashboard:
    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url.rstrip("/")

    def go(self, path: str):
        return self.page.goto(self.base + path)

    def sign_in(self, persona) -> None:
        user = persona.member.user
        user.set_password(PASSWORD)
        user.save()
        self.go("/login/")
        self.page.get_by_label("Email").fill(user.email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url(f"**/app/{persona.workspace.id}/inbox/")

    def shot(self, name: str, full_page: bool = True) -> None:
        shot(self.page, name, full_page)


def shot(page, name: str, full_page: bool = True, settled: bool = True) -> None:
    """Under DASHBOARD_SCREENSHOTS, save the page as docs/screenshots/<name>.png: the whole page, or
    (full_page=False) the viewport only, for pages as long as a reference (the docs: megabytes).
    settled=False for a page that never goes network-idle (the widget's long poll): the caller has
    already waited for what the shot must show."""
    if os.environ.get("DASHBOARD_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        if settled:
            page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture
def persona_factory(workspace):
    def make(role: str, workspace_=None):
        return make_persona(workspace_ or workspace, role)

    return make


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """Put Django's test order back after pytest has regrouped items by parametrized fixtures.

    pytest-playwright parametrizes a session fixture (`browser_name`), and pytest reorders items to
    group those sharing it *after* pytest-django has sorted them (database tests, then transactional
    ones, then the rest). Left so, plain database tests run after the browser tests' transactional
    flushes and find the data migrations' rows (plans) gone. A stable sort by pytest-django's own key
    restores the order while keeping pytest's grouping inside each group.
    """
    from pytest_django.plugin import validate_django_db

    def order(item) -> int:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = "transactional_db" in fixtures or "live_server" in fixtures
        uses_db = "db" in fixtures
        if marker is not None:
            transaction, reset_sequences, *_ = validate_django_db(marker)
            transactional = transactional or transaction or reset_sequences
            uses_db = True
        return 1 if transactional else 0 if uses_db else 2

    items.sort(key=order)
