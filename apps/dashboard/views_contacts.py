"""Contacts: list and search, detail with attributes, their conversations, GDPR erasure (admin+)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from apps.contacts.models import Contact
from apps.contacts.services import contact_erase as erase_service
from apps.contacts.services import contact_update
from apps.conversations.models import Conversation
from leadiosa.ids import is_public_id

from . import queries
from .access import Access, workspace_page
from .errors import SERVICE_ERRORS, service_error_message, service_error_status
from .forms import AttributeForm, ContactForm, EraseForm
from .pages import page


def _contact(ct_id: str) -> Contact:
    contact = Contact.objects.filter(pk=ct_id).first() if is_public_id(ct_id, "ct") else None
    if contact is None:
        raise Http404("No such contact.")
    return contact


@require_GET
@workspace_page("edit_contacts")
def contacts(request, access: Access):
    q = request.GET.get("q", "").strip()[:200]
    result = queries.contacts_page(q=q or None, before=request.GET.get("before") or None)
    older_url = (
        "?" + urlencode({k: v for k, v in {"q": q, "before": result.older}.items() if v})
        if result.older
        else ""
    )
    return page(
        request,
        access,
        "dashboard/contacts/contacts.html",
        {"rows": result.rows, "q": q, "older_url": older_url},
        section="contacts",
    )


def _detail(request, access: Access, contact: Contact, *, status=200, **extra):
    conversations = list(
        Conversation.objects.filter(contact_id=contact.id).order_by("-updated_at", "-id")[:50]
    )
    context = {
        "contact": contact,
        "attributes": sorted(contact.attributes.items()),
        "conversations": conversations,
        "contact_form": extra.pop("contact_form", None)
        or ContactForm(
            initial={
                "name": contact.name,
                "email": contact.email,
                "phone": contact.phone,
                "external_id": contact.external_id,
            }
        ),
        "attribute_form": extra.pop("attribute_form", None) or AttributeForm(),
        "erase_form": extra.pop("erase_form", None) or EraseForm(),
        **extra,
    }
    return page(
        request, access, "dashboard/contacts/contact.html", context, section="contacts", status=status
    )


@require_GET
@workspace_page("edit_contacts")
def contact(request, access: Access, ct_id: str):
    return _detail(request, access, _contact(ct_id))


@require_POST
@workspace_page("edit_contacts")
def contact_edit(request, access: Access, ct_id: str):
    the_contact = _contact(ct_id)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _detail(request, access, the_contact, status=400, contact_form=form)
    try:
        contact_update(contact=the_contact, changes=dict(form.cleaned_data))
    except SERVICE_ERRORS as exc:
        return _detail(
            request,
            access,
            the_contact,
            status=service_error_status(exc),
            contact_form=form,
            contact_error=service_error_message(exc),
        )
    messages.success(request, "Contact saved.")
    return redirect("dashboard:contact", ws_id=access.workspace.id, ct_id=the_contact.id)


@require_POST
@workspace_page("edit_contacts")
def contact_attributes(request, access: Access, ct_id: str):
    """Add or change one attribute (`key`, `value`), or remove one (`remove=<key>`)."""
    the_contact = _contact(ct_id)
    remove = request.POST.get("remove")
    if remove is not None:
        patch = {remove: None}
        form = AttributeForm()
    else:
        form = AttributeForm(request.POST)
        if not form.is_valid():
            return _detail(request, access, the_contact, status=400, attribute_form=form)
        patch = {form.cleaned_data["key"].strip(): form.cleaned_data["value"]}
    try:
        contact_update(contact=the_contact, changes={"attributes": patch})
    except SERVICE_ERRORS as exc:
        return _detail(
            request,
            access,
            the_contact,
            status=service_error_status(exc),
            attribute_form=form,
            attribute_error=service_error_message(exc),
        )
    messages.success(request, f"Attribute {'removed' if remove is not None else 'saved'}.")
    return redirect("dashboard:contact", ws_id=access.workspace.id, ct_id=the_contact.id)


@require_POST
@workspace_page("erase_contacts")
def contact_erase(request, access: Access, ct_id: str):
    the_contact = _contact(ct_id)
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _detail(request, access, the_contact, status=400, erase_form=form)
    contact_id = the_contact.id
    try:
        erase_service(contact=the_contact)
    except SERVICE_ERRORS as exc:
        return _detail(
            request,
            access,
            the_contact,
            status=service_error_status(exc),
            erase_form=form,
            erase_error=service_error_message(exc),
        )
    messages.success(
        request,
        f"Contact {contact_id} erased: the contact, their conversations, messages and notes are gone.",
    )
    return redirect("dashboard:contacts", ws_id=access.workspace.id)
