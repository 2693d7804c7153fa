from datetime import timedelta

from django.apps import apps as django_apps
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from apps.audit.chain import seal_pending
from apps.billing.services import record_ai_usage
from apps.workspaces.lifecycle import purge_plan, workspace_purge
from apps.workspaces.models import User, Workspace, WorkspaceArchive
from apps.workspaces.services import member_ensure
from apps.workspaces.tasks import purge_closed_workspaces
from leadiosa.api.deprecation import Deprecation, record_use
from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE
from tests.audit.helpers import close_and_expire
from tests.lifecycle.helpers import populate


def _rows_left(workspace_id: str) -> dict[str, int]:
    """Rows still holding this workspace id, in every table that has a workspace column."""
    left = {}
    for model in django_apps.get_models(include_auto_created=True):
        names = {f.attname for f in model._meta.concrete_fields}
        if "workspace_id" in names:
            manager = getattr(model, "all_workspaces", model._base_manager)
            count = manager.filter(workspace_id=workspace_id).count()
            if count:
                left[model._meta.label] = count
    if Workspace.objects.filter(id=workspace_id).exists():
        left["workspaces.Workspace"] = 1
    return left


def test_purge_after_the_grace_leaves_no_row_in_any_table_and_tokens_die(
    eager_tasks, owner, admin, agent, stranger, django_capture_on_commit_callbacks
):
    workspace_id = owner.workspace.id
    populate(owner, conversations=2, tag="acme")
    populate(stranger, conversations=1, tag="globex")
    owner.api.post("contacts", {"email": "idem@example.org"}, headers={"Idempotency-Key": "k1"})
    record_ai_usage(workspace_id=workspace_id, prompt_tokens=10, completion_tokens=5, model="m")
    record_use(workspace_id, Deprecation(feature="GET /api/v1/legacy", sunset=timezone.now().date()))
    # A person in both workspaces, and one only in this one.
    shared = member_ensure(workspace=stranger.workspace, email=admin.member.user.email, role="agent").user_id
    only_here = agent.user_id
    close_and_expire(owner, django_capture_on_commit_callbacks)
    archive_files = list(
        WorkspaceArchive.all_workspaces.filter(workspace_id=workspace_id).values_list("file_name", flat=True)
    )
    assert archive_files and all(default_storage.exists(name) for name in archive_files)
    before = _rows_left(workspace_id)
    assert {"conversations.Conversation", "audit.AuditEntry", "billing.UsagePeriod"} <= set(before)
    stranger_before = _rows_left(stranger.workspace.id)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_closed_workspaces.delay().get() == [workspace_id]

    assert _rows_left(workspace_id) == {}
    for persona in (owner, admin, agent):
        response = persona.api.get("workspace")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_token"
    assert not any(default_storage.exists(name) for name in archive_files)
    assert not User.objects.filter(id=only_here).exists()
    assert User.objects.filter(id=shared).exists()
    # The other workspace is untouched.
    assert _rows_left(stranger.workspace.id) == stranger_before
    assert stranger.api.get("conversations").json()["data"]


def _current_user() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return cursor.fetchone()[0]


def test_the_purge_task_runs_as_the_runtime_role_and_still_purges(
    eager_tasks, owner, monkeypatch, django_capture_on_commit_callbacks
):
    """The eager task runs its queries as the runtime role, as beat's worker does in production (it
    logs in as it), and the purge still works with that role's privileges alone (the audit rows go
    through the SECURITY DEFINER function). The test code's own queries are the owner's again after."""
    from apps.workspaces import purge

    seen = []
    real = purge.purge_due_workspaces

    def recording():
        seen.append(_current_user())
        purged = real()
        seen.append(_current_user())
        return purged

    monkeypatch.setattr(purge, "purge_due_workspaces", recording)
    close_and_expire(owner, django_capture_on_commit_callbacks)
    owner_role = _current_user()
    assert owner_role != DEFAULT_RUNTIME_ROLE
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_closed_workspaces.delay().get() == [owner.workspace.id]
    assert seen == [DEFAULT_RUNTIME_ROLE, DEFAULT_RUNTIME_ROLE]
    assert _current_user() == owner_role
    assert _rows_left(owner.workspace.id) == {}


def test_no_purge_before_the_grace_ends(eager_tasks, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        owner.api.post("workspace/close")
    assert purge_closed_workspaces.delay().get() == []
    assert owner.api.get("workspace").status_code == 200


def test_the_task_skips_a_workspace_whose_closing_is_too_recent_by_the_database_clock_and_purges_the_rest(
    eager_tasks, owner, stranger, django_capture_on_commit_callbacks
):
    """purge_after (the application's clock, a row the application writes) picks the candidates; the
    database decides from the closing's seal time. A candidate it refuses is skipped, not an error that
    stops the other purges."""
    close_and_expire(owner, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert stranger.api.post("workspace/close").status_code == 200
    seal_pending()  # sealed now, as its commit would: closed a moment ago by the database clock
    Workspace.objects.filter(id=stranger.workspace.id).update(purge_after=timezone.now() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_closed_workspaces.delay().get() == [owner.workspace.id]
    assert Workspace.objects.filter(id=stranger.workspace.id).exists()
    assert not Workspace.objects.filter(id=owner.workspace.id).exists()


def test_an_active_workspace_is_never_purged_by_the_task(eager_tasks, owner, workspace):
    Workspace.objects.filter(id=workspace.id).update(purge_after=timezone.now() - timedelta(days=1))
    assert purge_closed_workspaces.delay().get() == []
    assert owner.api.get("workspace").status_code == 200


def test_purging_twice_is_harmless(owner, django_capture_on_commit_callbacks):
    close_and_expire(owner, django_capture_on_commit_callbacks)
    assert workspace_purge(workspace_id=owner.workspace.id)
    assert workspace_purge(workspace_id=owner.workspace.id) == {}


def test_the_purge_plan_covers_every_table_with_a_workspace_column(db):
    """Asked of PostgreSQL's catalog, not of the models: a table the code's predicate would miss (say, a
    column named differently by a migration) still fails here."""
    planned = {model._meta.db_table for model, _condition in purge_plan()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND c.column_name = 'workspace_id' "
            "AND t.table_type = 'BASE TABLE'"
        )
        with_workspace_column = {row[0] for row in cursor.fetchall()}
    assert with_workspace_column, "the catalog lists no table with a workspace_id column"
    assert with_workspace_column - planned == set()
