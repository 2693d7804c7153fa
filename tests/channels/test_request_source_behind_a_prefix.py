"""Behind a reverse proxy that mounts the product under a prefix (SCRIPT_NAME, or FORCE_SCRIPT_NAME), the
widget and inbound e-mail are still their own doors in the audit trail: the door is decided from the path
inside the application (`request.path_info`), not from the full path with the prefix in front."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from apps.audit.models import AuditEntry
from leadiosa import context
from tests.channels.conftest import sample
from tests.channels.test_widget_public_api import SHOP

pytestmark = pytest.mark.django_db

PREFIX = "/leadiosa"


def _created_sources(workspace_id: str) -> list[str]:
    rows = AuditEntry.objects.for_workspace(workspace_id).filter(action="conversation.created")
    return list(rows.order_by("id").values_list("source", flat=True))


@pytest.mark.parametrize("how", ["SCRIPT_NAME", "FORCE_SCRIPT_NAME"])
def test_the_widget_and_email_doors_behind_a_prefix(owner, workspace, settings, how):
    from apps.channels_email.addresses import inbound_url
    from apps.channels_widget.keys import public_key

    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    if how == "SCRIPT_NAME":
        client = Client(SCRIPT_NAME=PREFIX)
    else:
        settings.FORCE_SCRIPT_NAME = PREFIX
        client = Client()
    response = client.post(
        f"/widget/v1/{public_key(workspace.id)}/conversations",
        '{"body": "Hello from behind the proxy"}',
        content_type="application/json",
        headers={"Origin": SHOP},
    )
    assert response.status_code == 201, response.content
    path = "/" + inbound_url(workspace.id).split("://", 1)[1].split("/", 1)[1]
    assert client.post(path, sample("plain.eml"), content_type="message/rfc822").status_code == 202
    assert _created_sources(workspace.id) == ["widget", "email"]


@pytest.mark.parametrize("how", ["SCRIPT_NAME", "FORCE_SCRIPT_NAME"])
@pytest.mark.parametrize(
    ("path", "door"), [("/api/v1/contacts", "api"), ("/widget/v1/wk_1/conversations", "widget")]
)
def test_the_middleware_reads_the_path_inside_the_application(settings, how, path, door):
    if how == "SCRIPT_NAME":
        request = RequestFactory(SCRIPT_NAME=PREFIX).get(path)
    else:
        settings.FORCE_SCRIPT_NAME = PREFIX
        request = RequestFactory().get(path)
    assert (request.path, request.path_info) == (PREFIX + path, path)
    seen = []
    middleware = context.RequestSourceMiddleware(lambda request: seen.append(context.current().source))
    token = context.begin(context.RequestInfo(request_id="req_x"))
    try:
        middleware(request)
    finally:
        context.end(token)
    assert seen == [door]
