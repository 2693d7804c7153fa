"""The inbox: the conversation list (filters, search, keyset pages, live) and one conversation."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from datetime import UTC
from html import escape  # the standard library's (what Django's escape calls, minus its lazy wrapper)

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from apps.conversations.models import AuthorType, Conversation, HandledBy, Priority, Status
from apps.conversations.services import conversation_update, message_create, note_create
from leadiosa.ids import is_public_id

from . import queries
from .access import Access, idle_poll, workspace_page
from .errors import SERVICE_ERRORS, service_error_message, service_error_status
from .forms import BodyForm, ConversationFieldsForm, SnoozeForm, utc_input_value
from .live import change_key, members_change_key, stamps
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
    """The inbox's context. The list fragment (rows, pager) is cached per filters together with the
    workspace's change stamp it was built at: any committed change moves the stamp, and an entry of
    another stamp is rebuilt, so a cached list is never stale, and viewing an unchanged inbox again
    costs no list query and no row rendering.

    One cache round trip reads everything (both stamps, the list, the members, the counts): each entry
    carries the stamp it is exact for, so nothing has to be read first to know which key to ask for."""
    workspace_id = access.workspace.id
    selector, shown = _inbox_filters(request, access)
    filters_digest = hashlib.sha256(repr(sorted(selector.items())).encode()).hexdigest()[:32]
    stamp_key, people_stamp_key = change_key(workspace_id), members_change_key(workspace_id)
    key = f"dashboard:inbox-list:{workspace_id}:{filters_digest}"
    people_key, totals_key = queries.members_key(workspace_id), queries.counts_key(workspace_id)
    # The stamps are read in the same round trip as the entries, before any rows: a change committed
    # after this read moves the stamp past the one the page carries, so its next poll shows it.
    found = cache.get_many([stamp_key, people_stamp_key, key, people_key, totals_key])
    stamp, people_stamp = int(found.get(stamp_key) or 0), int(found.get(people_stamp_key) or 0)
    members = queries.members(workspace_id, people_stamp, known=found.get(people_key))
    entry = found.get(key)
    if entry is not None and entry[0] == stamp and entry[1] == people_stamp:
        rows_html = entry[2]
    else:
        rows_html = _rows_html(workspace_id, selector, shown, members)
        cache.set(key, (stamp, people_stamp, rows_html), LIST_CACHE_SECONDS)
    counts, counts_stamp = queries.status_counts(workspace_id, stamp, known=found.get(totals_key))
    poll_url = ""
    if not selector["before"] and not selector["after"]:  # the first page follows new activity
        # The poller asks "changed since?" from the older of the list's and the counts' stamps.
        poll_url = f"/app/{workspace_id}/inbox/poll/?{_query(shown, since=str(min(stamp, counts_stamp)))}"
    return {
        "rows_html": rows_html,
        "members": members,
        "filters": shown,
        "counts": counts,
        "inbox_url": f"/app/{workspace_id}/inbox/",
        "poll_url": poll_url,
    }


def _list_html(context: dict, *, oob: bool = False) -> str:
    """The list's container (the htmx poller around the rows), and on a poll the sidebar's counts
    swapped out of band. Every value from data is escaped."""
    poll_url = context["poll_url"]
    poller = (
        f' hx-get="{escape(poll_url)}" hx-trigger="every {POLL_SECONDS}s" hx-swap="outerHTML"'
        if poll_url
        else ""
    )
    counts = _counts_html(context, oob=True) if oob else ""
    return f'<div id="inbox-list"{poller}>\n{context["rows_html"]}</div>\n{counts}'


def _counts_html(context: dict, *, oob: bool = False) -> str:
    """The sidebar's conversations per status (links that filter the inbox by status)."""
    base, current = context["inbox_url"], context["filters"]["status"]
    items = []
    for status, n in context["counts"].items():
        status = escape(status)
        mark = ' aria-current="true"' if status == current else ""
        items.append(
            f'<li><a href="{base}?status={status}"{mark}><span>{status.capitalize()}</span>'
            f'<span data-count="{status}">{int(n)}</span></a></li>'
        )
    swap = ' hx-swap-oob="true"' if oob else ""
    return (
        f'<ul class="counts" id="status-counts" aria-label="Conversations per status"{swap}>\n'
        f"  {''.join(items)}\n</ul>\n"
    )


# The page around the list: base layout, sidebar and filter form. It depends only on who is looking
# (e-mail, role, memberships and their names), the workspace, the filters and the members — not on
# the conversations — so it is rendered once per such combination and kept in this process (bounded
# LRU, exact: the key holds every input the templates read). Each request fills in its CSRF token,
# counts and list. The template engine was most of a page's remaining CPU.
_SHELLS: OrderedDict[tuple, str] = OrderedDict()
_SHELLS_LOCK = threading.Lock()
SHELLS_KEPT = 512
_MARK = secrets.token_hex(8)
_TOKEN, _COUNTS, _LIST = (f"shell{_MARK}{part}" for part in ("token", "counts", "list"))


def _inbox_page(request, access: Access, context: dict) -> HttpResponse:
    if any(True for _ in messages.get_messages(request)):  # a flash message (shown once): no shell
        return page(request, access, "dashboard/inbox/inbox.html", _page_context(context), section="inbox")
    shown, members = context["filters"], context["members"]
    key = (
        access.workspace.id,
        access.workspace.name,
        access.role,
        request.user.email,
        tuple((m.workspace_id, m.workspace.name) for m in access.memberships),
        tuple(sorted(shown.items())),
        tuple(members),
    )
    with _SHELLS_LOCK:
        shell = _SHELLS.get(key)
        if shell is not None:
            _SHELLS.move_to_end(key)
    if shell is None:
        shell_context = {
            **_page_context(context),
            "access": access,
            "can": access.can,
            "section": "inbox",
            "workspaces": access.memberships,
            "csrf_token": _TOKEN,
            "counts_html": _COUNTS,
            "list_html": _LIST,
        }
        shell = render_to_string("dashboard/inbox/inbox.html", shell_context, request)
        with _SHELLS_LOCK:
            _SHELLS[key] = shell
            while len(_SHELLS) > SHELLS_KEPT:
                _SHELLS.popitem(last=False)
    html = (
        shell.replace(_TOKEN, get_token(request))
        .replace(_COUNTS, _counts_html(context))
        .replace(_LIST, _list_html(context))
    )
    return HttpResponse(html)


def _page_context(context: dict) -> dict:
    shown, members = context["filters"], context["members"]
    return {
        **context,
        "counts_html": mark_safe(_counts_html(context)),  # noqa: S308 - built by _counts_html, escaped
        "list_html": mark_safe(_list_html(context)),  # noqa: S308 - built by _list_html, escaped
        # The filter form's choices as ready <option> lists (three template loops were a fifth of the page).
        "status_options": _options(Status.values, shown["status"]),
        "member_options": _options(members, shown["assignee"]),
        "priority_options": _options(Priority.values, shown["priority"]),
    }


def _options(choices, selected: str) -> SafeString:
    """`<option>`s for a filter: plain values, or (value, label) pairs; the current one selected."""
    parts = []
    for choice in choices:
        value, label = choice if isinstance(choice, tuple) else (choice, choice)
        mark = " selected" if value == selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(label)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _rows_html(workspace_id: str, selector: dict, shown: dict, members) -> str:
    """The list fragment (table and pager) of one page, as HTML.

    Built by plain functions rather than a template loop: 25 rows × a dozen variables through the
    template engine were most of a rebuilt page's rendering time. Every value that comes from data is
    passed through `escape` (what the template's autoescaping did); the markup is the template's."""
    result = queries.inbox_page(**selector)
    names = dict(members)
    base = f"/app/{workspace_id}/inbox/"
    parts = []
    if result.rows:
        parts.append(_TABLE_HEAD)
        period = int(time.monotonic() // ROWS_KEPT_SECONDS)
        if _ROWS_PERIOD[0] != period:
            _ROWS_RENDERED.clear()
            _ROWS_PERIOD[0] = period
        for row in result.rows:
            key = (base, row, names.get(row.assignee_id) if row.assignee_id else None)
            html = _ROWS_RENDERED.get(key)
            if html is None:
                html = _row_html(base, row, names)
                if len(_ROWS_RENDERED) >= ROWS_KEPT:
                    _ROWS_RENDERED.clear()
                _ROWS_RENDERED[key] = html
            parts.append(html)
        parts.append("  </tbody>\n</table>\n")
    else:
        parts.append('<p class="muted">No conversations match.</p>\n')
    parts.append('<div class="pager">\n')
    if result.newer:
        parts.append(f'  <a href="?{escape(_query(shown, after=result.newer))}" rel="prev">← Newer</a>\n')
    if result.older:
        parts.append(f'  <a href="?{escape(_query(shown, before=result.older))}" rel="next">Older →</a>\n')
    parts.append("</div>\n")
    return "".join(parts)


# A row's HTML, kept in this process by its exact inputs: the row as read (every column it shows), its
# assignee's name and the list's address; `_row_html` is a function of those alone. After a change, most
# rows of a page are the same as before it (one conversation moved), so a rebuilt page renders only the
# rows that changed. Bounded: emptied when full (a dict's reads and writes need no lock), and at least
# ROWS_KEPT_SECONDS, at the first list this process renders after it: an erased contact's name and
# messages then leave its memory too (no request could reach them: their key never matches again).
_ROWS_RENDERED: dict[tuple, str] = {}
_ROWS_PERIOD = [0]
ROWS_KEPT = 4096
ROWS_KEPT_SECONDS = 600

_TABLE_HEAD = (
    '<table class="list" aria-label="Conversations">\n'
    "  <thead><tr><th>Contact</th><th>Subject / last message</th><th>Status</th><th>Priority</th>"
    "<th>Assignee</th><th>Updated</th></tr></thead>\n  <tbody>\n"
)


def _row_html(base: str, r, names: dict) -> str:
    conv_id = escape(r.id)
    href = f"{base}{conv_id}/"
    who = escape(r.contact_label or r.contact_id)
    subject = f"<strong>{escape(r.subject)}</strong><br>" if r.subject else ""
    status, priority = escape(r.status), escape(r.priority)
    assistant = (
        ' <span class="badge assistant">assistant</span>' if r.handled_by == HandledBy.ASSISTANT else ""
    )
    assignee = escape(names.get(r.assignee_id, "") or "—") if r.assignee_id else "—"
    return (
        f'  <tr id="row-{conv_id}" data-nav-row data-href="{href}" data-href-id="{conv_id}" class="row-link"'
        ' aria-selected="false">\n'
        f'    <td><a href="{href}">{who}</a></td>\n'
        f'    <td>{subject}<span class="muted small">{escape(r.snippet or "")}</span></td>\n'
        f'    <td><span class="badge {status}">{status}</span>{assistant}</td>\n'
        f'    <td><span class="badge {priority}">{priority}</span></td>\n'
        f"    <td>{assignee}</td>\n"
        f'    <td class="small muted"><time datetime="{r.updated_at}">{r.updated_label}</time></td>\n'
        "  </tr>\n"
    )


@require_GET
@workspace_page()
def inbox(request, access: Access):
    context = _inbox_context(request, access)
    if request.htmx and request.htmx.target == "inbox-list":
        return HttpResponse(_list_html(context))
    return _inbox_page(request, access, context)


@require_GET
@idle_poll
@workspace_page()
def inbox_poll(request, access: Access):
    """Something changed in the workspace: the refreshed list (its poller carries the new stamp), and the
    sidebar's counts swapped out of band."""
    return HttpResponse(_list_html(_inbox_context(request, access), oob=True))


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
