"""The preamble every public widget view shares (public.public_view), for every view and method: a key that
names no active workspace is a 404, an origin the workspace does not allow is a 403 without CORS headers,
a preflight is a 204 naming the origin, and a method the view does not serve is a 405 without them."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.channels_widget.keys import public_key
from apps.workspaces.models import Workspace
from leadiosa.ids import new_id

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com"
# Well formed, nobody's: the preamble answers before any lookup. A constant, not new_id(): parameters
# must be the same in every process that collects the tests (pytest-xdist's workers).
CONVERSATION = "conv_0VcVI2Nd4H20oFYEknS92g"

# (view, method, path after the key): every public view with every method it serves.
CALLS = [
    ("conversations", "get", "/conversations"),
    ("conversations", "post", "/conversations"),
    ("messages", "get", f"/conversations/{CONVERSATION}/messages"),
    ("messages", "post", f"/conversations/{CONVERSATION}/messages"),
    ("identify", "post", "/identify"),
    ("sign_out", "post", "/sign-out"),
]
PATHS = sorted({path for _view, _method, path in CALLS})


def _call(method: str, url: str, origin: str | None):
    headers = {"Origin": origin} if origin else {}
    client = Client()
    if method in ("get", "options"):
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, '{"body": "Hi"}', content_type="application/json", headers=headers)


def _no_cors(response) -> bool:
    return not any(name.startswith("Access-Control-") for name in response.headers)


@pytest.mark.parametrize(("view", "method", "path"), CALLS)
@pytest.mark.parametrize("origin", [SHOP, None])
def test_a_key_of_no_workspace_is_a_404(shop, view, method, path, origin):
    url = f"/widget/v1/{public_key(new_id('ws'))}{path}"
    response = _call(method, url, origin)
    assert response.status_code == 404, (view, response.content)
    assert response.json()["error"]["code"] == "not_found"
    assert _no_cors(response)


@pytest.mark.parametrize(("view", "method", "path"), CALLS)
def test_a_malformed_key_is_a_404(shop, view, method, path):
    response = _call(method, f"/widget/v1/wk_not-a-key{path}", SHOP)
    assert response.status_code == 404, (view, response.content)
    assert _no_cors(response)


@pytest.mark.parametrize(("view", "method", "path"), [*CALLS, *(("-", "options", p) for p in PATHS)])
def test_the_key_of_a_closed_workspace_is_a_404(shop, view, method, path):
    Workspace.objects.filter(pk=shop.id).update(status=Workspace.Status.CLOSED)
    response = _call(method, f"/widget/v1/{public_key(shop.id)}{path}", SHOP)
    assert response.status_code == 404, (view, response.content)
    assert response.json()["error"]["code"] == "not_found"
    assert _no_cors(response)


@pytest.mark.parametrize(("view", "method", "path"), [*CALLS, *(("-", "options", p) for p in PATHS)])
def test_an_origin_not_allowed_is_a_403_without_cors(shop, view, method, path):
    response = _call(method, f"/widget/v1/{public_key(shop.id)}{path}", "https://evil.example")
    assert response.status_code == 403, (view, response.content)
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert _no_cors(response)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("origin", [SHOP, "http://testserver"])  # an allowed origin, the frame's own
def test_a_preflight_is_answered_with_cors_naming_the_origin(shop, path, origin):
    response = _call("options", f"/widget/v1/{public_key(shop.id)}{path}", origin)
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == origin
    assert response["Access-Control-Allow-Headers"] == "Content-Type, X-Widget-Visitor"
    assert response["Access-Control-Allow-Methods"] == "GET, POST"
    assert response["Vary"] == "Origin"


def test_a_preflight_without_origin_gets_no_cors(shop):
    for path in PATHS:
        response = _call("options", f"/widget/v1/{public_key(shop.id)}{path}", None)
        assert response.status_code == 204
        assert _no_cors(response)


@pytest.mark.parametrize("path", ["/conversations", "/identify"])
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_method_the_view_does_not_serve_is_a_405_without_cors(shop, path, method):
    response = _call(method, f"/widget/v1/{public_key(shop.id)}{path}", SHOP)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert _no_cors(response)


def test_identify_serves_post_only(shop):
    response = _call("get", f"/widget/v1/{public_key(shop.id)}/identify", SHOP)
    assert response.status_code == 405
    assert _no_cors(response)


def test_an_answer_of_the_view_names_the_allowed_origin(shop):
    for method, path in [("get", "/conversations"), ("post", f"/conversations/{CONVERSATION}/messages")]:
        response = _call(method, f"/widget/v1/{public_key(shop.id)}{path}", SHOP)
        assert response.status_code in (200, 404)  # the visitor's (empty) list; nobody's conversation
        assert response["Access-Control-Allow-Origin"] == SHOP
        assert response["Vary"] == "Origin"


def test_a_method_messages_does_not_serve_is_a_405_on_the_visitors_own_conversation(shop):
    base = f"/widget/v1/{public_key(shop.id)}"
    client = Client()
    started = client.post(
        f"{base}/conversations", '{"body": "Hi"}', content_type="application/json", headers={"Origin": SHOP}
    ).json()
    url = f"{base}/conversations/{started['conversation']['id']}/messages"
    headers = {"Origin": SHOP, "X-Widget-Visitor": started["visitor"]}
    response = client.put(url, '{"body": "Hi"}', content_type="application/json", headers=headers)
    assert response.status_code == 405
    assert _no_cors(response)
    # Not the visitor's conversation: the view answers 404 (with CORS) before it looks at the method.
    response = client.put(url, '{"body": "Hi"}', content_type="application/json", headers={"Origin": SHOP})
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == SHOP


def test_every_public_api_view_is_in_the_preamble_cases():
    """A new view under /widget/v1/<key>/ (other than the frame page) joins CALLS, so the shared
    preamble (key, closed workspace, origin, CORS, methods) is tested for it too."""
    from apps.channels_widget import public_urls

    served = {
        pattern.callback.__name__
        for pattern in public_urls.urlpatterns
        if str(pattern.pattern).startswith("<str:key>/") and pattern.callback.__name__ != "frame"
    }
    assert served == {view for view, _method, _path in CALLS}
