"""Seed a workspace with one of everything, through the services, and remember every secret made."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.conversations.services import conversation_create, note_create
from apps.knowledge.services import article_create
from apps.webhooks.models import WebhookEndpoint
from apps.webhooks.redelivery import webhook_create_checked
from apps.workspaces.invitations import invitation_create
from apps.workspaces.lifecycle import archive_request
from apps.workspaces.models import ApiToken, Member, Role, WorkspaceArchive
from apps.workspaces.services import token_create, workspace_create
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


@dataclass
class Seeded:
    workspace_id: str
    owner: Member
    agent: Member
    ids: dict = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)


def seed_workspace(name: str, domain: str) -> Seeded:
    with acting_as(SYSTEM):
        workspace = workspace_create(name=name, owner_email=f"owner@{domain}", plan_id="team")
        ws = workspace.id
        with with_workspace(ws):
            owner = Member.objects.get(user__email=f"owner@{domain}")
            from apps.workspaces.services import member_ensure

            agent = member_ensure(workspace=workspace, email=f"agent@{domain}", role=Role.AGENT)
            token, plaintext = token_create(member=owner, name="CRM")
            endpoint, secret = webhook_create_checked(url=f"https://hooks.{domain}/in", events=["*"])
            conversation = conversation_create(
                contact={"email": f"ada@{domain}", "name": "Ada"},
                subject="Cannot sign in",
                handled_by="human",
                message_body="I forgot my password",
            )
            note_create(conversation=conversation, author_id=owner.user_id, body="internal note")
            article = article_create(title="Resetting", body="Open Settings and choose Reset.")
            invitation = invitation_create(actor=owner, email=f"new@{domain}", role=Role.AGENT)
            archive_request(workspace_id=ws)
    stored = WebhookEndpoint.all_workspaces.get(pk=endpoint.pk)
    archive = WorkspaceArchive.all_workspaces.filter(workspace_id=ws).first()
    return Seeded(
        workspace_id=ws,
        owner=owner,
        agent=agent,
        ids={
            "token": token.id,
            "endpoint": endpoint.id,
            "conversation": conversation.id,
            "contact": conversation.contact_id,
            "article": article.id,
            "invitation": invitation.id,
            "archive": archive.pk,
        },
        secrets=[
            plaintext,
            ApiToken.all_workspaces.get(pk=token.pk).token_hash,
            secret,
            secret.removeprefix("whsec_"),
            stored.secret_encrypted,
            invitation.link_digest,
        ],
    )
