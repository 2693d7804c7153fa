"""The admin's (and the dashboard's) styles and scripts are served by the product itself under
production settings, as `make run` serves it (gunicorn, 2 workers, config.settings.prod): WhiteNoise,
no separate web server, no collectstatic needed."""

from __future__ import annotations

import re

import pytest

from tests.platform.servers import Gunicorn

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def gunicorn(redis_url, tmp_path):
    server = Gunicorn(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def test_admin_login_page_assets_load_under_production_settings(gunicorn):
    page = gunicorn.get("/admin/login/")
    assert page.status_code == 200, page.text[:500]
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
    assert any(a.endswith("admin/css/base.css") for a in assets), assets
    for asset in assets:
        response = gunicorn.get(asset)
        assert response.status_code == 200, asset
        expected = "text/css" if asset.endswith(".css") else "javascript"
        assert expected in response.headers["content-type"], (asset, response.headers["content-type"])
    for asset in ("/static/admin/js/actions.js", "/static/admin/js/admin/RelatedObjectLookups.js"):
        assert gunicorn.get(asset).status_code == 200, asset
    assert gunicorn.get("/static/admin/css/nope.css").status_code == 404
