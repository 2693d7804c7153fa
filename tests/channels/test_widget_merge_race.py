"""The merge on identify against a new conversation from the same anonymous visitor: whichever comes
second waits on the anonymous contact's row lock, and a visitor whose contact vanished meanwhile is
answered as an unknown credential (a new anonymous visitor), never a 500."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from apps.channels_widget.models import WidgetVisitor
from apps.channels_widget.visitors import visitor_identify, visitor_of_credential
from apps.contacts.models import Contact
from apps.conversations.models import Conversation
from leadiosa.tenancy import with_workspace
from tests.channels.test_widget_public_api import SHOP, Visitor
from tests.conftest import hold_then_wait_on_it


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_conversation_started_while_identify_deletes_the_anonymous_contact_is_no_500(owner, workspace):
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    visitor = Visitor(workspace.id)
    before = visitor.start("Before signing in")["conversation"]["id"]
    anonymous = visitor.credential
    with with_workspace(workspace.id):
        current = visitor_of_credential(workspace.id, anonymous)
    anonymous_id = current.contact_id

    merged, release = threading.Event(), threading.Event()
    posted = {}

    def merge():  # identify, held open after the merge until the other request waits on it
        try:
            with with_workspace(workspace.id), transaction.atomic():
                visitor_identify(
                    workspace_id=workspace.id, email="ada@example.com", user_id=None, current=current
                )
                merged.set()
                release.wait(20)
        finally:
            connections.close_all()

    def post():  # the same anonymous visitor, its old credential, a new conversation
        try:
            posted["response"] = visitor.post("/conversations", {"body": "Meanwhile"})
        except Exception as error:  # noqa: BLE001 - the test client re-raises a 500's exception
            posted["error"] = error
        finally:
            connections.close_all()

    hold_then_wait_on_it(merge, merged, release, post)

    assert "error" not in posted, posted.get("error")
    response = posted["response"]
    assert response.status_code == 201, response.content
    # Answered as for an unknown credential: a new anonymous visitor with its own conversation.
    assert response.json()["visitor"] != anonymous
    assert not Contact.objects.for_workspace(workspace.id).filter(pk=anonymous_id).exists()
    new = Conversation.objects.for_workspace(workspace.id).get(pk=response.json()["conversation"]["id"])
    assert new.contact_id != anonymous_id
    assert WidgetVisitor.objects.for_workspace(workspace.id).filter(contact_id=new.contact_id).exists()
    ada = Contact.objects.for_workspace(workspace.id).get(email="ada@example.com")
    assert Conversation.objects.for_workspace(workspace.id).get(pk=before).contact_id == ada.id


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_identify_waits_for_a_conversation_being_started_and_merges_it_too(owner, workspace):
    from apps.channels_widget.visitors import visitor_still_there
    from apps.conversations.models import Channel
    from apps.conversations.services import conversation_create
    from tests.channels.test_widget_identity import rotate, sign

    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    secret = rotate(owner)
    visitor = Visitor(workspace.id)
    before = visitor.start("Before signing in")["conversation"]["id"]
    with with_workspace(workspace.id):
        current = visitor_of_credential(workspace.id, visitor.credential)

    started, release = threading.Event(), threading.Event()
    meanwhile, identified = {}, {}

    def start():  # what POST /conversations does for a known visitor, held open before its commit
        try:
            with with_workspace(workspace.id), transaction.atomic():
                still = visitor_still_there(workspace.id, current)
                conversation = conversation_create(
                    contact_id=still.contact_id, channel=Channel.WIDGET, message_body="Meanwhile"
                )
                meanwhile["id"] = conversation.id
                started.set()
                release.wait(20)
        finally:
            connections.close_all()

    def identify():
        try:
            email = "ada@example.com"
            identified["response"] = visitor.post(
                "/identify", {"email": email, "user_hash": sign(secret, email)}
            )
        finally:
            connections.close_all()

    hold_then_wait_on_it(start, started, release, identify)

    assert identified["response"].status_code == 200, identified["response"].content
    ada = Contact.objects.for_workspace(workspace.id).get(email="ada@example.com")
    owners = Conversation.objects.for_workspace(workspace.id).filter(pk__in=[before, meanwhile["id"]])
    assert {c.contact_id for c in owners} == {ada.id}  # the one started meanwhile merged too
    assert not Contact.objects.for_workspace(workspace.id).filter(pk=current.contact_id).exists()
