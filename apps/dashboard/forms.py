"""Shape-only forms: they check types and lengths; every rule about state lives in the services."""

from __future__ import annotations

from datetime import UTC, datetime

from django import forms

from apps.conversations.models import Priority, Status
from apps.knowledge.models import Article

MAX_BODY = 10_000


class BodyForm(forms.Form):
    body = forms.CharField(max_length=MAX_BODY, strip=True, widget=forms.Textarea(attrs={"rows": 3}))


class ConversationFieldsForm(forms.Form):
    """The side panel: assignee, status, priority (each optional: only what was sent is changed)."""

    assignee = forms.CharField(required=False)
    status = forms.ChoiceField(choices=Status.choices, required=False)
    priority = forms.ChoiceField(choices=Priority.choices, required=False)

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {}
        if "assignee" in self.data:
            changes["assignee_id"] = data["assignee"] or None
        if self.data.get("status"):
            changes["status"] = data["status"]
        if self.data.get("priority"):
            changes["priority"] = data["priority"]
        return changes


class SnoozeForm(forms.Form):
    snoozed_until = forms.DateTimeField(
        label="Snooze until",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )

    def clean_snoozed_until(self):
        value = self.cleaned_data["snoozed_until"]
        # The picker has no zone; the page says times are UTC.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    email = forms.EmailField(max_length=254, required=False)
    phone = forms.CharField(max_length=50, required=False)
    external_id = forms.CharField(max_length=200, required=False, label="External id")


class AttributeForm(forms.Form):
    key = forms.CharField(max_length=100)
    value = forms.CharField(max_length=1000, required=False)


class EraseForm(forms.Form):
    confirm = forms.CharField(label="Type ERASE to confirm", max_length=20)

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() != "ERASE":
            raise forms.ValidationError("Type ERASE (in capitals) to confirm the erasure.")
        return "ERASE"


class ArticleForm(forms.Form):
    title = forms.CharField(max_length=300)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 18}), max_length=200_000)
    locale = forms.CharField(max_length=35, initial="en")
    status = forms.ChoiceField(choices=Article.Status.choices, initial=Article.Status.DRAFT)
    source_url = forms.URLField(max_length=2000, required=False, assume_scheme="https", label="Source URL")


class SearchForm(forms.Form):
    q = forms.CharField(max_length=1000, label="Question")


def utc_input_value(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M") if moment else ""
