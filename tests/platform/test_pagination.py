import pytest

from apps.workspaces.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.urls("tests.platform.urls")


@pytest.fixture
def members(workspace, owner):
    return [owner.member, *MemberFactory.create_batch(29, workspace=workspace)]


def page_through(api, limit):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": limit}
        if cursor:
            params["after"] = cursor
        body = api.get("_test/members", params).json()
        seen += [item["id"] for item in body["data"]]
        pages += 1
        if not body["pagination"]["has_more"]:
            assert "next_cursor" not in body["pagination"]
            return seen, pages
        cursor = body["pagination"]["next_cursor"]
        assert cursor.startswith("cur_")


def test_default_limit_is_25_newest_first(owner, members):
    body = owner.api.get("_test/members").json()
    assert len(body["data"]) == 25
    assert body["pagination"]["has_more"] is True
    created = [item["created_at"] for item in body["data"]]
    assert created == sorted(created, reverse=True)


def test_cursors_walk_every_row_once(owner, members):
    seen, pages = page_through(owner.api, 7)
    assert len(seen) == len(set(seen)) == 30
    assert pages == 5
    assert set(seen) == {m.id for m in members}


def test_limit_bounds(owner, members):
    assert len(owner.api.get("_test/members", {"limit": 100}).json()["data"]) == 30
    assert len(owner.api.get("_test/members", {"limit": 1}).json()["data"]) == 1


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "2.5"])
def test_limit_outside_1_to_100_is_invalid_parameter(owner, limit):
    response = owner.api.get("_test/members", {"limit": limit})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_parameter", "limit")


def test_tampered_cursor_is_invalid(owner, members):
    cursor = owner.api.get("_test/members", {"limit": 5}).json()["pagination"]["next_cursor"]
    tampered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")
    for bad in (tampered, "cur_xyz", "garbage", cursor[4:]):
        response = owner.api.get("_test/members", {"after": bad})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_cursor"


def test_cursor_of_another_workspace_is_invalid(owner, members, stranger):
    MemberFactory.create_batch(3, workspace=stranger.workspace)
    foreign = stranger.api.get("_test/members", {"limit": 1}).json()["pagination"]["next_cursor"]
    response = owner.api.get("_test/members", {"after": foreign})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_cursor_stays_valid_when_rows_are_added(owner, members, workspace):
    first = owner.api.get("_test/members", {"limit": 10}).json()
    MemberFactory.create_batch(5, workspace=workspace)  # newer rows land before the cursor
    second = owner.api.get("_test/members", {"limit": 10, "after": first["pagination"]["next_cursor"]}).json()
    first_ids = {item["id"] for item in first["data"]}
    assert len(second["data"]) == 10
    assert not first_ids & {item["id"] for item in second["data"]}


def test_list_never_shows_another_workspace(owner, members, stranger):
    MemberFactory.create_batch(3, workspace=stranger.workspace)
    ids, _ = page_through(owner.api, 100)
    theirs = set(Member.all_workspaces.filter(workspace=stranger.workspace).values_list("id", flat=True))
    assert theirs and not theirs & set(ids)


def test_query_count_does_not_grow_with_the_page(owner, workspace, django_assert_max_num_queries):
    MemberFactory.create_batch(99, workspace=workspace)
    owner.api.get("workspace")  # warm the token cache
    with django_assert_max_num_queries(2):
        assert len(owner.api.get("_test/members", {"limit": 100}).json()["data"]) == 100
    with django_assert_max_num_queries(2):
        assert len(owner.api.get("_test/members", {"limit": 1}).json()["data"]) == 1


def test_cursor_of_one_conversations_thread_is_refused_on_another(agent):
    threads = []
    for email in ("one@example.com", "two@example.com"):
        conversation = agent.api.post("conversations", {"contact": {"email": email}}).json()
        for n in range(3):
            agent.api.post(f"conversations/{conversation['id']}/messages", {"body": f"message {n}"})
        threads.append(conversation["id"])
    first = agent.api.get(f"conversations/{threads[0]}/messages", {"limit": 1}).json()
    cursor = first["pagination"]["next_cursor"]
    assert agent.api.get(f"conversations/{threads[0]}/messages", {"after": cursor}).status_code == 200
    response = agent.api.get(f"conversations/{threads[1]}/messages", {"after": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"
