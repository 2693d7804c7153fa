"""The admin crosses workspaces explicitly (`all_workspaces`), never through a scope that lifts the filter.

An admin list runs with no workspace in scope, so a read there that forgets `all_workspaces` fails closed
(`NoWorkspaceInScope`) like anywhere else; a row's page runs in that row's workspace only; a request on
any other path runs its statements in its own workspace only; and `"*"` is not a scope meaning "every
workspace"."""

from __future__ import annotations

import contextlib

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.contacts.models import Contact
from leadiosa.tenancy import NoWorkspaceInScope, current_workspace_id_or_none, with_workspace
from tests.admin.seed import seed_workspace
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def scopes_of_each_statement():
    """The workspace in scope (or None) when each SQL statement of the block ran."""
    seen: list[str | None] = []

    def record(execute, sql, params, many, context):
        seen.append(current_workspace_id_or_none())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


@pytest.fixture
def seeded():
    return [seed_workspace("Acme", "acme.test"), seed_workspace("Globex", "globex.test")]


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(UserFactory(email="root@support.test", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "page",
    [
        "admin:contacts_contact_changelist",
        "admin:conversations_conversation_changelist",
        "admin:webhooks_webhookdelivery_changelist",
        "admin:workspaces_member_changelist",
    ],
)
def test_an_admin_list_shows_every_workspace_with_no_workspace_in_scope(seeded, superuser_client, page):
    with scopes_of_each_statement() as seen:
        response = superuser_client.get(reverse(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert all(seed.workspace_id in html for seed in seeded)  # it crosses workspaces…
    assert seen
    assert set(seen) == {None}  # …by naming all_workspaces, not by a lifted scope


def test_an_admin_change_page_runs_in_its_rows_workspace_and_no_other(seeded, superuser_client):
    """Its form, inline (the delivery's attempts) and validation read default managers: in the row's scope."""
    from apps.webhooks.models import WebhookDelivery

    row_workspace = seeded[1].workspace_id
    delivery = WebhookDelivery.all_workspaces.filter(workspace_id=row_workspace).first()
    with scopes_of_each_statement() as seen:
        response = superuser_client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk]))
    assert response.status_code == 200
    assert row_workspace in seen
    assert set(seen) <= {None, row_workspace}


def test_an_api_request_reads_its_own_workspace_only(seeded, admin, stranger):
    """Any path other than the admin's classes: the token's workspace, never another, never a wildcard."""
    with with_workspace(stranger.workspace.id):
        Contact.objects.create(email="other@globex.test", name="Other")
    with with_workspace(admin.workspace.id):
        Contact.objects.create(email="mine@acme.test", name="Mine")
    with scopes_of_each_statement() as seen:
        response = admin.api.get("contacts")
    assert response.status_code == 200
    emails = {row["email"] for row in response.json()["data"]}
    assert emails == {"mine@acme.test"}  # not the seeded workspaces' ada@…, not the stranger's
    assert set(seen) - {None} == {admin.workspace.id}


def test_a_wildcard_is_no_scope(seeded):
    """`"*"` lifted the filter for the admin once; now it is an id no row has, and for_workspace refuses it."""
    assert Contact.all_workspaces.count() >= 2
    with with_workspace("*"):
        assert Contact.objects.count() == 0
    with pytest.raises(NoWorkspaceInScope):
        Contact.objects.for_workspace("*")
    with pytest.raises(NoWorkspaceInScope):
        Contact.objects.count()


def test_adding_a_row_runs_in_the_workspace_the_form_names(seeded, superuser_client):
    """An add page has no row: its POST is validated (model constraints, default managers) and saved in
    the workspace it names — it answered 500 (NoWorkspaceInScope) once the "*" scope was gone."""
    workspace_id = seeded[0].workspace_id
    with scopes_of_each_statement() as seen:
        response = superuser_client.post(
            reverse("admin:contacts_contact_add"),
            {"workspace": workspace_id, "email": "new@acme.test", "name": "New", "attributes": "{}"},
        )
    assert response.status_code == 302, response.content[:500]
    assert Contact.all_workspaces.filter(workspace_id=workspace_id, email="new@acme.test").count() == 1
    assert set(seen) <= {None, workspace_id}


@pytest.mark.parametrize("workspace", ["ws_missing", ""])
def test_adding_a_row_to_an_unknown_or_no_workspace_is_a_form_error(superuser_client, workspace):
    response = superuser_client.post(
        reverse("admin:contacts_contact_add"),
        {"workspace": workspace, "email": "x@y.test", "name": "X", "attributes": "{}"},
    )
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert Contact.all_workspaces.count() == 0
