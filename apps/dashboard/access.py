"""Who may see which workspace page: the one place the dashboard resolves a workspace and a role.

Every page lives under `/app/<ws_id>/`. `workspace_page(min_role=…)` wraps a view so that:
- an anonymous visitor is sent to the sign-in page;
- a workspace the user is not a member of answers the same 404 as a missing one (no existence leak);
- a member below `min_role` (CONTRACT §3) gets 403 on every method (a hidden button is not a permission);
- the request runs inside the workspace's tenancy scope with the signed-in user as the actor, so the
  services write audit entries with actor type `user` — exactly as the API's base view does for tokens.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import connections, router
from django.http import Http404
from django.template.response import TemplateResponse

from apps.workspaces.models import ROLE_RANK, Member, Role, Workspace
from leadiosa import context
from leadiosa.context import Actor
from leadiosa.ids import is_public_id
from leadiosa.tenancy import enter_workspace, leave_workspace

User = get_user_model()

# CONTRACT §3, as the dashboard's pages need it. Views name one of these; templates read `can`.
ABILITIES = {
    "work_conversations": Role.AGENT,
    "edit_contacts": Role.AGENT,
    "erase_contacts": Role.ADMIN,
    "read_knowledge": Role.AGENT,
    "write_knowledge": Role.ADMIN,
    "manage_settings": Role.ADMIN,  # webhooks, audit, billing, tokens (Settings pages)
    "manage_workspace": Role.OWNER,  # archive, close, restore
}


@dataclass(frozen=True)
class Access:
    """The signed-in member in the URL's workspace (and the user's other memberships, for the switcher)."""

    workspace: Workspace
    member: Member
    memberships: tuple[Member, ...] = ()

    @property
    def role(self) -> str:
        return self.member.role

    def allows(self, ability: str) -> bool:
        return ROLE_RANK[self.member.role] >= ROLE_RANK[ABILITIES[ability]]

    @property
    def can(self) -> dict[str, bool]:
        return {ability: self.allows(ability) for ability in ABILITIES}


def forbidden(request, message: str = "Your role in this workspace does not allow this.") -> TemplateResponse:
    # Not PermissionDenied: the project's handler403 answers JSON (it serves the API).
    return TemplateResponse(request, "dashboard/403.html", {"message": message}, status=403)


def resolve_access(user, workspace_id: str) -> Access | None:
    """The user's membership in `workspace_id`, or None. One query: all of the user's memberships with
    their workspaces (a person belongs to a handful), so the page's workspace switcher costs nothing more."""
    if not is_public_id(workspace_id, "ws"):
        return None
    mine = memberships(user)
    member = next((m for m in mine if m.workspace_id == workspace_id), None)
    if member is None:
        return None
    return Access(workspace=member.workspace, member=member, memberships=tuple(mine))


def workspace_page(ability: str = "work_conversations"):
    """Decorate a view `view(request, access, **kwargs)` served under `/app/<ws_id>/`."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, ws_id: str, **kwargs):
            access = resolve_access(request.user, ws_id)
            if access is None:
                raise Http404("No such workspace.")
            request.access = access
            remember_membership(request, ws_id)
            info = context.current()
            info.workspace_id = ws_id
            info.actor = Actor(type="user", id=request.user.pk, user_id=request.user.pk)
            scope = enter_workspace(ws_id)
            try:
                if not access.allows(ability):
                    return forbidden(request)
                if request.method == "POST" and access.workspace.status == Workspace.Status.CLOSED:
                    # The API answers 409 workspace_closed to every write of a closed workspace; so do we.
                    return TemplateResponse(
                        request,
                        "dashboard/403.html",
                        {"message": "This workspace is closed: it can be read but not changed."},
                        status=409,
                    )
                return view(request, access, **kwargs)
            finally:
                leave_workspace(scope)

        wrapper.dashboard_ability = ability
        return wrapper

    return decorate


SESSION_WORKSPACES = "dashboard_workspaces"


def remember_membership(request, workspace_id: str) -> None:
    """Note in the session that this user was just seen as a member of the workspace: an idle poll
    trusts it to answer "nothing changed" without a query (anything it renders is checked in full)."""
    seen = request.session.get(SESSION_WORKSPACES, [])
    if workspace_id not in seen:
        request.session[SESSION_WORKSPACES] = [*seen, workspace_id]


def idle_poll(view):
    """Answer an idle poll (`?since=<stamp>`, nothing changed since) with 204 from the session and the
    cache alone — no user, membership or data query. Anything else goes through `view` (fully checked)."""

    @functools.wraps(view)
    def wrapper(request, ws_id: str, **kwargs):
        from django.contrib.auth import SESSION_KEY
        from django.http import HttpResponse

        from .live import last_change

        since = request.GET.get("since", "")
        if (
            since.isdigit()
            and SESSION_KEY in request.session
            and ws_id in request.session.get(SESSION_WORKSPACES, [])
            and last_change(ws_id) <= int(since)
        ):
            return HttpResponse(status=204)
        return view(request, ws_id=ws_id, **kwargs)

    return wrapper


def first_workspace_id(user) -> str | None:
    """The workspace `/app/` opens: the user's oldest membership."""
    mine = memberships(user)
    return mine[0].workspace_id if mine else None


def memberships(user) -> list[Member]:
    """Every workspace the user belongs to (oldest membership first), for resolution and the switcher.
    Already loaded with the user by the sign-in backend on a dashboard request; one query otherwise."""
    loaded = getattr(user, "_dashboard_memberships", None)
    if loaded is not None:
        return loaded
    return _memberships(user.pk, "workspace")


def memberships_with_users(user_id) -> list[Member]:
    """The user's memberships with the user and the workspaces, in one query (the sign-in backend, on
    every signed-in request): the same rows as `_memberships(user_id, "user", "workspace")`, from plain
    SQL run with `cursor.execute` and turned into model instances with the documented `Model.from_db`.
    Building and compiling the three-table ORM query was a fifth of a cached inbox page's CPU.

    Across workspaces by nature (a person's memberships), like `_memberships`; the user id is bound."""
    with connections[router.db_for_read(Member)].cursor() as cursor:
        cursor.execute(_MEMBERSHIPS_SQL, [user_id])
        fetched = cursor.fetchall()
    db = cursor.db.alias
    user = None
    found = []
    for row in fetched:
        if user is None:  # the same person on every row
            user = _from_row(User, db, row[_SPANS[1]], cursor.db)
        member = _from_row(Member, db, row[_SPANS[0]], cursor.db)
        member.workspace = _from_row(Workspace, db, row[_SPANS[2]], cursor.db)
        member.user = user
        found.append(member)
    return found


def _from_row(model, db: str, values, connection):
    """A model instance from its concrete fields' values in `_meta` order, through each field's
    `from_db_value` where it has one (what the ORM applies when it loads a row)."""
    values = [
        field.from_db_value(value, None, connection) if hasattr(field, "from_db_value") else value
        for field, value in zip(model._meta.concrete_fields, values, strict=True)
    ]
    return model.from_db(db, [f.attname for f in model._meta.concrete_fields], values)


def _memberships_sql() -> tuple[str, tuple[slice, slice, slice]]:
    """SELECT member, user, workspace columns (each model's concrete fields, in `_meta` order)."""
    tables = [(Member, "m"), (User, "u"), (Workspace, "w")]
    columns, spans, start = [], [], 0
    for model, alias in tables:
        fields = model._meta.concrete_fields
        columns += [f'{alias}."{f.column}"' for f in fields]
        spans.append(slice(start, start + len(fields)))
        start += len(fields)
    sql = (
        f"SELECT {', '.join(columns)} FROM {Member._meta.db_table} m"  # noqa: S608 - model names only
        f" JOIN {User._meta.db_table} u ON u.id = m.user_id"
        f" JOIN {Workspace._meta.db_table} w ON w.id = m.workspace_id"
        " WHERE m.user_id = %s ORDER BY m.created_at, m.id"
    )
    return sql, tuple(spans)


_MEMBERSHIPS_SQL, _SPANS = _memberships_sql()


def _memberships(user_id, *related: str) -> list[Member]:
    # Across workspaces by nature: a person's memberships (the one cross-workspace read here).
    return list(
        Member.all_workspaces.select_related(*related).filter(user_id=user_id).order_by("created_at", "id")
    )
