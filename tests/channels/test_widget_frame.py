"""The loader script and the chat frame as served: sizes, caching, and who may frame the chat."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client

from apps.channels_widget.keys import public_key

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com"


def test_the_loader_is_small_cached_and_revalidated():
    client = Client()
    response = client.get("/widget/v1/loader.js", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 10 * 1024
    assert b"Open chat" in gzip.decompress(response.content)
    assert "max-age=300" in response["Cache-Control"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    again = client.get("/widget/v1/loader.js", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    plain = client.get("/widget/v1/loader.js")
    assert "Content-Encoding" not in plain and b"data-workspace-key" in plain.content


def test_the_frame_may_be_framed_only_by_the_allowed_origins(owner, workspace):
    key = public_key(workspace.id)
    response = Client().get(f"/widget/v1/{key}/frame")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response

    owner.api.patch("widget", {"allowed_origins": [SHOP, "http://localhost:3000"]})
    response = Client().get(f"/widget/v1/{key}/frame")
    policy = response["Content-Security-Policy"]
    assert policy.endswith(f"frame-ancestors {SHOP} http://localhost:3000")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_the_frame_has_the_controls_greeting_and_colour_escaped(owner, workspace):
    owner.api.patch("widget", {"greeting": "Hello <img src=x onerror=alert(1)>", "color": "#AA3300"})
    html = Client().get(f"/widget/v1/{public_key(workspace.id)}/frame").content.decode()
    assert "Hello &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html
    assert 'data-color="#aa3300"' in html
    assert '<label for="message" class="visually-hidden">Message</label>' in html
    assert '<button type="submit" id="send">Send</button>' in html


def test_the_frame_with_its_script_and_style_weighs_under_60_kb(workspace):
    client = Client()
    html = client.get(f"/widget/v1/{public_key(workspace.id)}/frame")
    total = len(html.content)
    for path in ("/widget/v1/frame.js", "/widget/v1/frame.css"):
        response = client.get(path)
        assert response.status_code == 200
        assert "immutable" in response["Cache-Control"]
        total += len(response.content)
    assert total < 60 * 1024, total


def test_an_unknown_key_or_a_closed_workspace_has_no_frame(owner, workspace):
    assert Client().get("/widget/v1/wk_nothing/frame").status_code == 404
    owner.api.post("workspace/close", {})
    assert Client().get(f"/widget/v1/{public_key(workspace.id)}/frame").status_code == 404
