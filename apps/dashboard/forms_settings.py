"""Settings forms: shape only (types, lengths, choices). Every rule about who may do what lives in the
services (apps.workspaces.membership, invitations, apps.webhooks.redelivery)."""

from __future__ import annotations

from datetime import UTC

from django import forms

from apps.workspaces.models import ApiToken, Role
from leadiosa.events import WEBHOOK_EVENT_TYPES

# What each catalogue event means, for the endpoint form (the catalogue itself is leadiosa.events).
EVENT_DESCRIPTIONS = {
    "conversation.created": "A conversation was started (API, widget or e-mail).",
    "conversation.updated": "A conversation's status, priority, tags or subject changed.",
    "conversation.assigned": "A conversation was assigned or unassigned.",
    "conversation.closed": "A conversation was closed.",
    "conversation.reopened": "A closed conversation was reopened.",
    "conversation.handed_off": "The assistant handed a conversation to a person (or a person took over).",
    "message.created": "A message was posted by a contact, an agent, the assistant or the system.",
    "note.created": "An internal note was added.",
    "contact.created": "A contact was created.",
    "contact.updated": "A contact's details or attributes changed.",
    "contact.erased": "A contact was erased (GDPR); carries the id only.",
    "knowledge.article.created": "A knowledge article was created.",
    "knowledge.article.updated": "A knowledge article was edited or (un)published.",
    "knowledge.article.deleted": "A knowledge article was deleted.",
    "knowledge.article.ingested": "An article's chunks are indexed and ready for the assistant.",
    "workspace.closed": "The workspace was closed (purge after the grace period).",
    "workspace.restored": "A closed workspace was restored.",
    "workspace.archive.ready": "A workspace archive finished building.",
    "billing.ai_tokens.threshold_reached": "AI token use reached 80 % or 100 % of the plan.",
    "webhook.test": "A test event sent from Settings or the API.",
}
EVENT_CHOICES = [("*", "Every event (*)")] + [(name, name) for name in WEBHOOK_EVENT_TYPES]
SCOPE_CHOICES = [(ApiToken.Scope.READ_WRITE, "Read and write"), (ApiToken.Scope.READ, "Read only")]


class TokenForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    scope = forms.ChoiceField(label="Scope", choices=SCOPE_CHOICES, initial=ApiToken.Scope.READ_WRITE)
    expires_in_days = forms.IntegerField(
        label="Expires in (days)", min_value=1, max_value=3650, required=False
    )

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # Only the roles this member may give (never above their own); the service checks it again.
        self.fields["role"].choices = [(r, r) for r in roles]
        self.fields["role"].initial = roles[-1] if roles else None


class WebhookForm(forms.Form):
    url = forms.CharField(label="Endpoint URL", max_length=2048)
    events = forms.MultipleChoiceField(
        label="Events", choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label="Description", max_length=500, required=False)


class WebhookEventsForm(forms.Form):
    events = forms.MultipleChoiceField(
        label="Events", choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label="Description", max_length=500, required=False)


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    role = forms.ChoiceField(label="Role", choices=Role.choices)

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, r) for r in roles]
        self.fields["role"].initial = Role.AGENT


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=150, required=False)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)
    password_again = forms.CharField(label="Password again", strip=False, widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise forms.ValidationError("The two passwords differ.")
        return data


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="Action", max_length=100, required=False)
    actor_id = forms.CharField(label="Actor", max_length=40, required=False)
    resource_type = forms.CharField(label="Resource type", max_length=40, required=False)
    resource_id = forms.CharField(label="Resource id", max_length=40, required=False)
    created_after = forms.DateTimeField(
        label="From (UTC)", required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
    )
    created_before = forms.DateTimeField(
        label="Until (UTC)", required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
    )

    def params(self) -> dict[str, str]:
        """The API's filter parameters (ISO-8601 with an offset for the times)."""
        out = {}
        for name in ("action", "actor_id", "resource_type", "resource_id"):
            if self.cleaned_data.get(name):
                out[name] = self.cleaned_data[name].strip()
        for name in ("created_after", "created_before"):
            moment = self.cleaned_data.get(name)
            if moment is not None:
                out[name] = (
                    (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
                )
        return out


class RenameForm(forms.Form):
    name = forms.CharField(label="Workspace name", max_length=200)


class CloseForm(forms.Form):
    confirm = forms.CharField(label="Type the workspace name to confirm", max_length=200)
