"""The developer docs in a real browser: the Redoc reference renders the served spec, and every docs page
renders, with no request leaving the live server (the `requests_seen` fixture checks each test)."""

import pytest
from playwright.sync_api import expect

from apps.docs.views import RESOURCES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_api_reference_renders_offline_from_the_served_spec(app, requests_seen):
    app.go("/docs/api/")
    # Redoc has fetched /api/v1/openapi.json and drawn the operations and the webhooks.
    expect(app.page.get_by_role("heading", name="List conversations").first).to_be_visible(timeout=30_000)
    expect(app.page.get_by_text("conversation.handed_off").first).to_be_attached()
    app.shot("docs-api", full_page=False)  # the whole reference would be a 16 MB image
    assert any(url.endswith("/api/v1/openapi.json") for url in requests_seen)
    assert any("redoc.standalone.js" in url for url in requests_seen)


@pytest.mark.parametrize(
    "path",
    ["/docs/", "/docs/webhooks/", "/docs/errors/", "/docs/changelog/"]
    + [f"/docs/api/{r}/" for r in RESOURCES],
)
def test_every_docs_page_renders(app, requests_seen, path):
    response = app.go(path)
    assert response.status == 200
    expect(app.page.get_by_role("heading", level=1)).to_be_visible()
    expect(app.page.get_by_role("navigation", name="Documentation")).to_be_visible()
    # The page's own stylesheet applied (served by us): the side navigation is laid out as a grid column.
    display = app.page.evaluate("getComputedStyle(document.querySelector('.shell')).display")
    assert display == "grid"
    if path.startswith("/docs/api/"):
        expect(app.page.locator("pre code", has_text="curl -X").first).to_be_visible()
    app.shot(path.strip("/").replace("/", "-"), full_page=False)  # /docs/api/notes/: docs-api-notes
