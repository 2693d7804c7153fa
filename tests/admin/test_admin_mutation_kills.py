"""Tests written for the mutants of leadiosa/admin.py that survived the area's tests
(tests/mutation/run.sh admin; the list and the equivalent ones: tests/mutation/RESULTS.md).

A change made in the admin is audited as the signed-in staff user, from the request's address, under the
request's id; a service's refusal is shown on the field it names, and nothing is saved. A form refuses
to link a row of another workspace than the one it names or its row belongs to.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.conversations.models import Conversation
from apps.workspaces.models import WorkspaceArchive
from leadiosa.admin import _same_workspace_form, workspace_link
from tests.admin.test_admin_scope import scopes_of_each_statement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(email="support@leadiosa.test", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def conversation(agent):
    contact = agent.api.post("contacts", {"email": "ada@example.com"}).json()["id"]
    created = agent.api.post("conversations", {"contact_id": contact, "subject": "Hello"}).json()["id"]
    return Conversation.all_workspaces.get(id=created)


def _form(conversation, **changes) -> dict:
    data = {
        "status": conversation.status,
        "priority": conversation.priority,
        "subject": conversation.subject or "",
        "tags": ",".join(conversation.tags),
        "snoozed_until_0": "",
        "snoozed_until_1": "",
        "handled_by": conversation.handled_by,
    }
    data.update(changes)
    return data


def test_a_change_in_the_admin_is_audited_as_the_staff_user_from_the_requests_address(
    staff, staff_client, conversation
):
    url = reverse("admin:conversations_conversation_change", args=[conversation.pk])
    response = staff_client.post(url, _form(conversation, priority="high"), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302, response.content
    conversation.refresh_from_db()
    assert conversation.priority == "high"
    entry = AuditEntry.all_workspaces.get(action="conversation.updated", resource_id=conversation.pk)
    assert (entry.actor_type, entry.actor_id) == ("user", str(staff.pk))
    assert (entry.ip, entry.request_id) == ("198.51.100.7", response["X-Request-Id"])


def test_a_services_refusal_is_shown_on_the_field_it_names_and_nothing_is_saved(staff_client, conversation):
    url = reverse("admin:conversations_conversation_change", args=[conversation.pk])
    response = staff_client.post(url, _form(conversation, status="snoozed", priority="high"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "snoozed_until": ["A snoozed conversation needs a future snoozed_until."]
    }
    conversation.refresh_from_db()
    assert (conversation.status, conversation.priority) == ("open", "normal")
    assert not AuditEntry.all_workspaces.filter(action="conversation.updated").exists()


class _Linking(forms.Form):
    """A form that links a row (`contact`) and may name a workspace, as the admin's add and change forms
    do; the cleaned values are rows as Django hands them over (anything with a `workspace_id`)."""

    workspace = forms.CharField(required=False)
    contact = forms.CharField()
    plan = forms.CharField(required=False)

    def clean_workspace(self):
        value = self.cleaned_data["workspace"]
        return SimpleNamespace(pk=value) if value else None

    def clean_contact(self):
        return SimpleNamespace(workspace_id=self.cleaned_data["contact"])

    def clean_plan(self):
        return SimpleNamespace(name="a row of no workspace")


def _linking(data, instance_workspace=None):
    form = _same_workspace_form(_Linking)(data=data)
    form.instance = SimpleNamespace(workspace_id=instance_workspace) if instance_workspace else object()
    return form


def test_a_form_refuses_a_row_of_another_workspace_than_the_one_it_names():
    """The admin sees every workspace: a second line behind the scoped choices of its forms."""
    form = _linking({"workspace": "ws_a", "contact": "ws_b"})
    assert not form.is_valid()
    assert form.errors == {"contact": ["This belongs to another workspace."]}
    assert _linking({"workspace": "ws_a", "contact": "ws_a"}).is_valid()


def test_a_change_form_refuses_a_row_of_another_workspace_than_its_rows():
    form = _linking({"contact": "ws_b"}, instance_workspace="ws_a")
    assert not form.is_valid()
    assert form.errors == {"contact": ["This belongs to another workspace."]}
    assert _linking({"contact": "ws_a"}, instance_workspace="ws_a").is_valid()
    assert _linking({"contact": "ws_b"}).is_valid()  # an add form with no workspace yet: nothing to compare


def test_a_search_that_starts_with_a_workspace_id_stays_in_it_and_searches_the_rest(
    staff_client, owner, stranger
):
    for persona in (owner, stranger):
        for email, name in (("ada@example.com", "Ada Lovelace"), ("grace@example.com", "Grace Hopper")):
            assert persona.api.post("contacts", {"email": email, "name": name}).status_code == 201
    url = reverse("admin:contacts_contact_changelist")

    def found(term):
        response = staff_client.get(url, {"q": term})
        assert response.status_code == 200
        return sorted((c.workspace_id, c.name) for c in response.context["cl"].result_list)

    ours = owner.workspace.id
    assert found(f"{ours} Ada Lovelace") == [(ours, "Ada Lovelace")]
    assert found(f"  {ours}  ") == [(ours, "Ada Lovelace"), (ours, "Grace Hopper")]
    assert len(found("Ada Lovelace")) == 2  # no workspace named: every workspace


def test_the_change_page_of_a_missing_row_is_djangos_not_found_redirect(staff_client):
    url = reverse("admin:contacts_contact_change", args=["ct_0VcMissingMissing000000"])
    response = staff_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_workspace_column_links_to_the_workspaces_overview(staff_client, owner):
    ours = owner.workspace.id
    overview = reverse("admin:workspaces_workspace_overview", args=[ours])
    assert workspace_link(ours) == f'<a href="{overview}">{ours}</a>'
    assert workspace_link("") == workspace_link(None) == "-"
    assert owner.api.post("contacts", {"email": "ada@example.com"}).status_code == 201
    page = staff_client.get(reverse("admin:contacts_contact_changelist")).content.decode()
    assert f'<a href="{overview}">{ours}</a>' in page


def test_no_list_offers_a_bulk_delete_and_a_row_without_a_service_cannot_be_deleted(
    staff_client, conversation
):
    page = staff_client.get(reverse("admin:contacts_contact_changelist"))
    assert page.status_code == 200
    assert b'value="delete_selected"' not in page.content
    refused = staff_client.get(reverse("admin:conversations_conversation_delete", args=[conversation.pk]))
    assert refused.status_code == 403
    assert Conversation.all_workspaces.filter(pk=conversation.pk).exists()


def test_a_change_page_runs_in_its_rows_workspace_for_a_row_whose_first_column_is_its_id(staff_client, owner):
    """Most tenant tables start with workspace_id; an archive starts with its own id, so reading the wrong
    column would put the page in a scope named by the row's id."""
    archive = WorkspaceArchive.all_workspaces.create(
        workspace=owner.workspace, status=WorkspaceArchive.Status.READY, file_name="archives/x.zip"
    )
    with scopes_of_each_statement() as seen:
        response = staff_client.get(reverse("admin:workspaces_workspacearchive_change", args=[archive.pk]))
    assert response.status_code == 200
    assert owner.workspace.id in seen
    assert set(seen) <= {None, owner.workspace.id}


def test_a_services_refusal_that_names_no_field_is_shown_above_the_form(staff_client, owner):
    first = owner.api.post("contacts", {"email": "ada@example.com"}).json()["id"]
    second = owner.api.post("contacts", {"email": "grace@example.com"}).json()["id"]
    url = reverse("admin:contacts_contact_change", args=[second])
    form = {"email": "ada@example.com", "name": "", "phone": "", "external_id": "", "attributes": "{}"}
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": ["A contact with this email or external_id already exists."]
    }
    assert owner.api.get(f"contacts/{second}").json()["email"] == "grace@example.com"
    assert owner.api.get(f"contacts/{first}").status_code == 200
