"""One shape for every support write: a form with a required reason, a permission, a service call."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from leadiosa import context
from leadiosa.admin import staff_acting
from leadiosa.errors import DomainError


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Why (a ticket number and a few words). Kept in the admin's log with this request's id.",
    )


def require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def log_reason(request, obj, what: str, reason: str) -> None:
    """The staff-side record: who, what, why, and the request id the customer's audit entry carries."""
    request_id = context.current().request_id or ""
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=f"{what}. Reason: {reason} (request {request_id})",
        single_object=True,
    )


def reason_action(
    request,
    admin_site,
    *,
    perm: str,
    title: str,
    subject,
    workspace_id: str,
    run: Callable[[dict], str | None],
    back: str,
    form_class: type[forms.Form] = ReasonForm,
    form_kwargs: dict | None = None,
    intro: str = "",
    danger: bool = False,
):
    """GET: the form. POST: check it, run the service as the staff user in the workspace's scope, log the
    reason, say what happened and go `back`. A service's refusal is shown on the form; nothing is saved."""
    require(request, perm)
    form = form_class(request.POST or None, **(form_kwargs or {}))
    rendered = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(), staff_acting(request, workspace_id):  # all of it, or none
                rendered = run(form.cleaned_data)
        except DomainError as error:
            field = (error.param or "").split(".")[0]
            form.add_error(field if field in form.fields else None, error.message)
        else:
            log_reason(request, subject, title, form.cleaned_data["reason"])
            if rendered is None:
                messages.success(request, f"{title}: done.")
                return HttpResponseRedirect(back)
    return TemplateResponse(
        request,
        "admin/support/action.html",
        {
            **admin_site.each_context(request),
            "title": title,
            "subject": subject,
            "form": form,
            "intro": intro,
            "danger": danger,
            "back": back,
            "result": rendered,
        },
    )
