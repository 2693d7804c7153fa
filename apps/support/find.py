"""Find anything: one box that takes any public id, an e-mail, or a full or partial `lds_` token, and
lands on the object (or lists the matches when there are several)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.contacts.models import Contact
from apps.contacts.services import normalize_email
from apps.conversations.models import Conversation, Message, Note
from apps.knowledge.models import Article
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from apps.workspaces.models import ApiToken, Invitation, Member, User, Workspace
from leadiosa.tenancy import TenantModel
from leadiosa.tokens import TOKEN_PREFIX, hash_token

from .actions import require

# prefix → (model, admin url name of its page)
BY_PREFIX = {
    "ws": (Workspace, "admin:workspaces_workspace_overview"),
    "usr": (User, "admin:workspaces_user_change"),
    "mem": (Member, "admin:workspaces_member_change"),
    "tok": (ApiToken, "admin:workspaces_apitoken_change"),
    "inv": (Invitation, "admin:workspaces_invitation_change"),
    "conv": (Conversation, "admin:conversations_conversation_change"),
    "msg": (Message, "admin:conversations_message_change"),
    "note": (Note, "admin:conversations_note_change"),
    "ct": (Contact, "admin:contacts_contact_change"),
    "art": (Article, "admin:knowledge_article_change"),
    "wh": (WebhookEndpoint, "admin:webhooks_webhookendpoint_change"),
    "evt": (WebhookEvent, "admin:webhooks_webhookevent_change"),
    "dlv": (WebhookDelivery, "admin:webhooks_webhookdelivery_change"),
    "aud": (AuditEntry, "admin:audit_auditentry_change"),
}
TOKEN_LENGTH = len(TOKEN_PREFIX) + 40
HINT_LENGTH = 6


class FindForm(forms.Form):
    q = forms.CharField(label="Id, e-mail or token", max_length=320)


def _hit(obj, url_name: str, label: str) -> tuple[str, str]:
    return label, reverse(url_name, args=[obj.pk])


def find_objects(query: str) -> list[tuple[str, str]]:
    """[(label, admin url)] of every object the query names."""
    query = query.strip()
    hits: list[tuple[str, str]] = []
    prefix, sep, _rest = query.partition("_")
    if query.startswith(TOKEN_PREFIX):
        if len(query) == TOKEN_LENGTH:
            tokens = ApiToken.all_workspaces.filter(token_hash=hash_token(query))
        else:
            hint = query[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + HINT_LENGTH]
            tokens = ApiToken.all_workspaces.filter(hint__startswith=hint) if len(hint) >= 4 else []
        for token in tokens[:50]:
            hits.append(
                _hit(token, "admin:workspaces_apitoken_change", f"token {token} in {token.workspace_id}")
            )
    elif "@" in query:
        email = normalize_email(query)
        for user in User.objects.filter(email__iexact=email)[:50]:
            hits.append(_hit(user, "admin:workspaces_user_change", f"user {user.email} ({user.pk})"))
        for contact in Contact.all_workspaces.filter(email=email)[:50]:
            hits.append(
                _hit(
                    contact,
                    "admin:contacts_contact_change",
                    f"contact {contact.pk} in {contact.workspace_id}",
                )
            )
        for invitation in Invitation.all_workspaces.filter(email=email)[:50]:
            hits.append(
                _hit(
                    invitation,
                    "admin:workspaces_invitation_change",
                    f"invitation {invitation} in {invitation.workspace_id}",
                )
            )
    elif sep and prefix in BY_PREFIX:
        model, url_name = BY_PREFIX[prefix]
        manager = model.all_workspaces if issubclass(model, TenantModel) else model.objects
        obj = manager.filter(pk=query).first()
        if obj is not None:
            hits.append(_hit(obj, url_name, f"{model._meta.verbose_name} {obj}"))
    return hits


def find(request):
    require(request, "workspaces.view_workspace")
    form = FindForm(request.GET or None)
    hits = None
    if form.is_valid():
        hits = find_objects(form.cleaned_data["q"])
        if len(hits) == 1:
            return HttpResponseRedirect(hits[0][1])
    return TemplateResponse(
        request,
        "admin/support/find.html",
        {**admin.site.each_context(request), "title": "Find anything", "form": form, "hits": hits},
    )
