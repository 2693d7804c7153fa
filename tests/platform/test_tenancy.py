import pytest

from apps.workspaces.models import Member
from leadiosa.api.views import WorkspaceViewSet
from leadiosa.tenancy import NoWorkspaceInScope, with_workspace
from tests.factories import MemberFactory

pytestmark = pytest.mark.urls("tests.platform.urls")


def test_token_of_workspace_b_never_sees_workspace_a(owner, stranger):
    assert stranger.api.get("workspace").json()["id"] == stranger.workspace.id
    assert owner.api.get("workspace").json()["id"] == owner.workspace.id


def test_object_of_another_workspace_is_the_same_404_as_a_missing_one(owner, stranger):
    foreign = stranger.member.id
    theirs = owner.api.get(f"_test/members/{foreign}")
    missing = owner.api.get("_test/members/mem_0000000000000000000000")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json()["error"]["code"] == missing.json()["error"]["code"] == "member_not_found"
    assert set(theirs.json()["error"]) == set(missing.json()["error"])


def test_scoped_manager_fails_closed_without_a_workspace(db):
    with pytest.raises(NoWorkspaceInScope):
        list(Member.objects.all())


def test_scoped_manager_returns_only_the_workspace_in_scope(workspace, other_workspace):
    mine = MemberFactory(workspace=workspace)
    theirs = MemberFactory(workspace=other_workspace)
    with with_workspace(workspace.id):
        ids = set(Member.objects.values_list("id", flat=True))
    assert mine.id in ids and theirs.id not in ids


def test_a_viewset_cannot_bypass_the_scoped_queryset():
    with pytest.raises(TypeError):

        class Leaky(WorkspaceViewSet):
            def get_queryset(self):
                return Member.all_workspaces.all()

    with pytest.raises(TypeError):

        class AlsoLeaky(WorkspaceViewSet):
            def get_object(self):
                return None


def test_scope_does_not_leak_between_requests(owner, stranger):
    from leadiosa.tenancy import current_workspace_id_or_none

    owner.api.get("workspace")
    assert current_workspace_id_or_none() is None
    stranger.api.get("_test/members")
    assert current_workspace_id_or_none() is None


@pytest.mark.parametrize("persona", ["owner", "admin", "agent", "reader"])
def test_every_role_and_scope_reads_its_own_workspace(personas, persona, stranger):
    response = personas[persona].api.get("workspace")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == personas[persona].workspace.id != stranger.workspace.id
    assert set(body) == {"id", "name", "status", "plan", "created_at"}
