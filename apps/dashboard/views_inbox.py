"""The inbox: the conversation list (filters, search, keyset pages, live) and one conversation."""

from __future__ import annotations

import hashlib
from datetime import UTC

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from apps.conversations.models import AuthorType, Conversation, HandledBy, Priority, Status
from apps.conversations.services import conversation_update, message_create, note_create
from leadiosa.ids import is_public_id

from . import queries
from .access import Access, idle_poll, workspace_page
from .errors import SERVICE_ERRORS, service_error_message, service_error_status
from .forms import BodyForm, ConversationFieldsForm, SnoozeForm, utc_input_value
from .live import stamps
from .pages import fragment, page

POLL_SECONDS = 2
# A cached list is exact (keyed by the change stamp); the expiry only bounds memory and member renames.
LIST_CACHE_SECONDS = 60


@workspace_page()
def workspace_home(request, access: Access):
    return redirect("dashboard:inbox", ws_id=access.workspace.id)


def _inbox_filters(request, access: Access) -> tuple[dict, dict]:
    """Query parameters → selector arguments. Unknown values are ignored, never widened into errors."""
    params = request.GET
    statuses = [s for s in params.get("status", "").split(",") if s in Status.values]
    assignee = params.get("assignee", "")
    if assignee == "me":
        assignee_id = access.member.user_id
    elif assignee == "none" or is_public_id(assignee, "usr"):
        assignee_id = assignee
    else:
        assignee, assignee_id = "", None
    priority = params.get("priority", "")
    priority = priority if priority in Priority.values else ""
    handled_by = params.get("handled_by", "")
    handled_by = handled_by if handled_by in HandledBy.values else ""
    updated_after = _moment(params.get("updated_after", ""))
    q = params.get("q", "").strip()[:200]
    selector = {
        "statuses": statuses,
        "assignee": assignee_id,
        "priority": priority or None,
        "handled_by": handled_by or None,
        "updated_after": updated_after,
        "q": q or None,
        "before": params.get("before") or None,
        "after": params.get("after") or None,
    }
    shown = {
        "status": ",".join(statuses),
        "assignee": assignee,
        "priority": priority,
        "handled_by": handled_by,
        "updated_after": params.get("updated_after", "") if updated_after else "",
        "q": q,
    }
    return selector, shown


def _moment(value: str):
    """An ISO-8601 moment from a filter; the page's pickers send no zone, and the page says UTC."""
    try:
        moment = parse_datetime(value) if value else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _query(shown: dict, **extra) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in {**shown, **extra}.items() if v})


def _inbox_context(request, access: Access) -> dict:
    """The inbox's context. The list fragment (rows, pager, poller) is cached under the workspace's change
    stamp and the exact filters: any committed change moves the stamp, so a cached list is never stale,
    and viewing an unchanged inbox again costs no list query and no row rendering."""
    workspace_id = access.workspace.id
    # Before the reads: a change after this shows on the next poll. Two cache round trips in all: the
    # stamps, then everything keyed by them.
    stamp, people_stamp = stamps(workspace_id)
    selector, shown = _inbox_filters(request, access)
    filters_digest = hashlib.sha256(repr(sorted(selector.items())).encode()).hexdigest()[:32]
    key = f"dashboard:inbox-list:{workspace_id}:{stamp}:{people_stamp}:{filters_digest}"
    people_key, totals_key = queries.members_key(workspace_id, people_stamp), queries.counts_key(workspace_id)
    found = cache.get_many([key, people_key, totals_key])
    members = queries.members(workspace_id, people_stamp, known=found.get(people_key))
    rows_html = found.get(key)
    if rows_html is None:
        rows_html = render_to_string(
            "dashboard/inbox/_rows.html", _list_context(workspace_id, selector, shown, members)
        )
        cache.set(key, rows_html, LIST_CACHE_SECONDS)
    counts, counts_stamp = queries.status_counts(workspace_id, stamp, known=found.get(totals_key))
    live = not selector["before"] and not selector["after"]  # the first page follows new activity
    return {
        "rows_html": mark_safe(rows_html),  # noqa: S308 - our own template's output, escaped when rendered
        "members": members,
        "filters": shown,
        "counts": counts,
        "statuses": Status.values,
        "priorities": Priority.values,
        # The poller asks "changed since?" from the older of the list's and the counts' stamps.
        "poll_url": (
            reverse("dashboard:inbox_poll", args=[workspace_id])
            + "?"
            + _query(shown, since=str(min(stamp, counts_stamp)))
        )
        if live
        else "",
        "poll_seconds": POLL_SECONDS,
    }


def _list_context(workspace_id: str, selector: dict, shown: dict, members) -> dict:
    result = queries.inbox_page(**selector)
    names = dict(members)
    base = f"/app/{workspace_id}/inbox/"
    rows = [
        {
            "id": r.id,
            "href": f"{base}{r.id}/",
            "who": r.contact__name or r.contact__email or r.contact_id,
            "subject": r.subject,
            "snippet": r.snippet or "",
            "status": r.status,
            "priority": r.priority,
            "assistant": r.handled_by == HandledBy.ASSISTANT,
            "assignee": names.get(r.assignee_id, "") if r.assignee_id else "",
            "iso": r.updated_at.isoformat(),
            "updated": f"{r.updated_at:%b} {r.updated_at.day}, {r.updated_at:%H:%M}",
        }
        for r in result.rows
    ]
    return {
        "rows": rows,
        "older_url": f"?{_query(shown, before=result.older)}" if result.older else "",
        "newer_url": f"?{_query(shown, after=result.newer)}" if result.newer else "",
    }


@require_GET
@workspace_page()
def inbox(request, access: Access):
    context = _inbox_context(request, access)
    if request.htmx and request.htmx.target == "inbox-list":
        return fragment(request, "dashboard/inbox/_list.html", context)
    return page(request, access, "dashboard/inbox/inbox.html", context, section="inbox")


@require_GET
@idle_poll
@workspace_page()
def inbox_poll(request, access: Access):
    """Something changed in the workspace: the refreshed list (its poller carries the new stamp), and the
    sidebar's counts swapped out of band."""
    context = {**_inbox_context(request, access), "access": access, "oob": True}
    return fragment(request, "dashboard/inbox/_list.html", context)


def _conversation(conv_id: str) -> Conversation:
    """The conversation of the workspace in scope; another workspace's is the same 404 as none."""
    conversation = None
    if is_public_id(conv_id, "conv"):
        conversation = Conversation.objects.select_related("contact").filter(pk=conv_id).first()
    if conversation is None:
        raise Http404("No such conversation.")
    return conversation


def _thread_context(access: Access, conversation: Conversation) -> dict:
    stamp, people_stamp = stamps(access.workspace.id)
    members = queries.members(access.workspace.id, people_stamp)
    names = dict(members)
    entries = []
    thread = queries.thread(conversation)
    sources = queries.assistant_sources([row for kind, row in thread if kind == "message"])
    for kind, row in thread:
        author = ""
        if kind == "note" or row.author_type == AuthorType.AGENT:
            author = names.get(row.author_id, "A former member")
        elif row.author_type == AuthorType.CONTACT:
            author = conversation.contact.name or conversation.contact.email or "Contact"
        elif row.author_type == AuthorType.ASSISTANT:
            author = "Assistant"
        else:
            author = "System"
        entry = {"kind": kind, "row": row, "author": author, "body": row.body}
        if row.id in sources:
            entry["body"], entry["sources"] = sources[row.id]
        entries.append(entry)
    return {
        "conversation": conversation,
        "entries": entries,
        "members": members,
        "statuses": Status.values,
        "priorities": Priority.values,
        "stamp": stamp,
        "poll_seconds": POLL_SECONDS,
        "snooze_value": utc_input_value(conversation.snoozed_until),
        "access": access,
    }


@require_GET
@workspace_page()
def conversation(request, access: Access, conv_id: str):
    the_conversation = _conversation(conv_id)
    context = _thread_context(access, the_conversation)
    context["reply_form"] = BodyForm(prefix="reply")
    context["note_form"] = BodyForm(prefix="note")
    return page(request, access, "dashboard/inbox/conversation.html", context, section="inbox")


@require_GET
@idle_poll
@workspace_page()
def conversation_poll(request, access: Access, conv_id: str):
    the_conversation = _conversation(conv_id)
    return fragment(request, "dashboard/inbox/_thread.html", _thread_context(access, the_conversation))


def _after_write(request, access: Access, conversation: Conversation, *, error=None, status=200, forms=None):
    """htmx: the thread and composer again (fresh forms, or the failed one with its message);
    a plain form post: back to the conversation."""
    if not request.htmx and error is None:
        return redirect("dashboard:conversation", ws_id=access.workspace.id, conv_id=conversation.id)
    conversation.refresh_from_db()
    context = _thread_context(access, conversation)
    context["reply_form"] = BodyForm(prefix="reply")
    context["note_form"] = BodyForm(prefix="note")
    context.update(forms or {})
    context["composer_error"] = error
    if not request.htmx:
        return page(
            request, access, "dashboard/inbox/conversation.html", context, section="inbox", status=status
        )
    return fragment(request, "dashboard/inbox/_main.html", context, status=status)


@require_POST
@workspace_page()
def reply(request, access: Access, conv_id: str):
    the_conversation = _conversation(conv_id)
    form = BodyForm(request.POST, prefix="reply")
    if not form.is_valid():
        return _after_write(
            request,
            access,
            the_conversation,
            error="Write a reply first.",
            status=400,
            forms={"reply_form": form},
        )
    try:
        message_create(
            conversation=the_conversation,
            author_type=AuthorType.AGENT,
            body=form.cleaned_data["body"],
            author_id=request.user.pk,
        )
    except SERVICE_ERRORS as exc:
        return _after_write(
            request,
            access,
            the_conversation,
            error=service_error_message(exc),
            status=service_error_status(exc),
            forms={"reply_form": form},
        )
    return _after_write(request, access, the_conversation)


@require_POST
@workspace_page()
def add_note(request, access: Access, conv_id: str):
    the_conversation = _conversation(conv_id)
    form = BodyForm(request.POST, prefix="note")
    if not form.is_valid():
        return _after_write(
            request,
            access,
            the_conversation,
            error="Write a note first.",
            status=400,
            forms={"note_form": form},
        )
    try:
        note_create(conversation=the_conversation, author_id=request.user.pk, body=form.cleaned_data["body"])
    except SERVICE_ERRORS as exc:
        return _after_write(
            request,
            access,
            the_conversation,
            error=service_error_message(exc),
            status=service_error_status(exc),
            forms={"note_form": form},
        )
    return _after_write(request, access, the_conversation)


@require_POST
@workspace_page()
def update(request, access: Access, conv_id: str):
    """The side panel: assignee/status/priority, snooze, take over. 409s come back as inline messages."""
    the_conversation = _conversation(conv_id)
    action = request.POST.get("action", "fields")
    error, status, notice = None, 200, None
    if action == "snooze":
        form = SnoozeForm(request.POST)
        changes = (
            {"status": Status.SNOOZED, "snoozed_until": form.cleaned_data["snoozed_until"]}
            if form.is_valid()
            else None
        )
        if changes is None:
            error, status = "Pick a date and time to snooze until.", 400
    elif action == "take_over":
        changes = {"handled_by": HandledBy.HUMAN}
    elif action == "hand_back":
        changes = {"handled_by": HandledBy.ASSISTANT}
    else:
        form = ConversationFieldsForm(request.POST)
        changes = form.changes() if form.is_valid() else None
        if changes is None:
            error, status = "Pick a value from the list.", 400
    if changes is not None:
        try:
            the_conversation = conversation_update(conversation=the_conversation, changes=changes)
            notice = "Saved."
        except SERVICE_ERRORS as exc:
            error, status = service_error_message(exc), service_error_status(exc)
    if not request.htmx:
        if error is None:
            return redirect("dashboard:conversation", ws_id=access.workspace.id, conv_id=the_conversation.id)
        context = _thread_context(access, _conversation(conv_id))
        context.update(
            reply_form=BodyForm(prefix="reply"), note_form=BodyForm(prefix="note"), side_error=error
        )
        return page(
            request, access, "dashboard/inbox/conversation.html", context, section="inbox", status=status
        )
    the_conversation = _conversation(conv_id)  # as stored now (after a refusal too)
    context = _thread_context(access, the_conversation)
    context.update(side_error=error, side_notice=notice)
    return fragment(request, "dashboard/inbox/_side.html", context, status=status)
