"""Tests for the defects a mutation spot-check found no test catching (issue 19), each through HTTP.

- keyset pages without the `id` tie-breaker skip rows that share a `created_at` once PostgreSQL sorts
  instead of walking the index (forced here: index scans off for the request's statements);
- `has_more` with exactly `limit` rows;
- a member demoted in the admin keeps the cached power of their tokens;
- a DELETE accepted on a closed workspace (a contact's erasure stays allowed);
- a token whose checksum is wrong reaching the database lookup.
"""

from __future__ import annotations

import logging
import secrets
import time
import zlib
from datetime import UTC, datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client, override_settings
from django_redis import get_redis_connection

from apps.billing.models import Plan
from apps.contacts.models import Contact
from apps.conversations.models import Conversation
from apps.knowledge.models import Article
from apps.workspaces.closure import workspace_close
from apps.workspaces.models import ApiToken, Member
from apps.workspaces.services import token_revoke
from leadiosa.api import cursors, ratelimit
from leadiosa.api.auth import _cache_key
from leadiosa.ids import base62
from leadiosa.tenancy import NoWorkspaceInScope, with_workspace
from leadiosa.tokens import generate_token, hash_token
from tests.conftest import ApiClient, make_persona
from tests.factories import UserFactory, WorkspaceFactory

SAME_INSTANT = datetime(2026, 5, 12, 7, 28, 25, 901000, tzinfo=UTC)


def _page_through(api, path, limit):
    ids, params = [], {"limit": limit}
    for _ in range(100):
        body = api.get(path, params).json()
        ids += [row["id"] for row in body["data"]]
        if not body["pagination"]["has_more"]:
            assert "next_cursor" not in body["pagination"]
            return ids
        params = {"limit": limit, "after": body["pagination"]["next_cursor"]}
    raise AssertionError("no last page")


@pytest.fixture
def sorting_not_scanning(db):
    """PostgreSQL sorts the rows (no index scan gives them in order): the tie-breaker alone keeps rows
    that share a created_at in one stable order. The test's connection is the requests' connection."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_rows_sharing_a_created_at_are_each_listed_once(owner, sorting_not_scanning, limit):
    api = owner.api
    contacts = [api.post("contacts", {"email": f"c{i}@same.test"}).json()["id"] for i in range(23)]
    conversations = [
        api.post("conversations", {"contact_id": contact, "handled_by": "human"}).json()["id"]
        for contact in contacts[:17]
    ]
    articles = [
        api.post("knowledge/articles", {"title": f"T{i}", "body": "B"}).json()["id"] for i in range(13)
    ]
    Contact.all_workspaces.filter(id__in=contacts).update(created_at=SAME_INSTANT)
    Conversation.all_workspaces.filter(id__in=conversations).update(created_at=SAME_INSTANT)
    Article.all_workspaces.filter(id__in=articles).update(created_at=SAME_INSTANT)
    for path, expected in (
        ("contacts", contacts),
        ("conversations", conversations),
        ("knowledge/articles", articles),
    ):
        listed = _page_through(api, path, limit)
        assert len(listed) == len(set(listed)), (path, limit)
        assert sorted(listed) == sorted(expected), (path, limit)
        # Newest first by (created_at, id): equal instants in descending id order.
        assert listed == sorted(expected, reverse=True), (path, limit)


@pytest.mark.parametrize("path", ["contacts", "conversations", "knowledge/articles"])
def test_a_list_of_exactly_limit_rows_has_no_more(owner, path):
    api = owner.api
    for i in range(3):
        if path == "knowledge/articles":
            api.post(path, {"title": f"T{i}", "body": "B"})
        else:
            contact = api.post("contacts", {"email": f"e{i}@exact.test"}).json()["id"]
            if path == "conversations":
                api.post(path, {"contact_id": contact, "handled_by": "human"})
    exact = api.get(path, {"limit": 3}).json()
    assert len(exact["data"]) == 3
    assert exact["pagination"] == {"has_more": False}
    short = api.get(path, {"limit": 2}).json()
    assert short["pagination"]["has_more"] is True and short["pagination"]["next_cursor"].startswith("cur_")
    rest = api.get(path, {"limit": 2, "after": short["pagination"]["next_cursor"]}).json()
    assert len(rest["data"]) == 1 and rest["pagination"] == {"has_more": False}


def test_a_member_demoted_in_the_admin_loses_their_tokens_power_at_the_next_request(admin):
    # The token is in use (cached with its member's role) before the demotion.
    assert admin.api.post("knowledge/articles", {"title": "T", "body": "B"}).status_code == 201
    staff = Client()
    staff.force_login(UserFactory(email="support@leadiosa.test", is_staff=True, is_superuser=True))
    response = staff.post(f"/admin/workspaces/member/{admin.member.id}/change/", {"role": "agent"})
    assert response.status_code == 302, response.content[:500]
    assert Member.all_workspaces.get(pk=admin.member.pk).role == "agent"
    refused = admin.api.post("knowledge/articles", {"title": "T2", "body": "B"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"


def test_a_closed_workspace_refuses_every_delete_but_a_contacts_erasure(owner):
    api = owner.api
    contact = api.post("contacts", {"email": "erase@closed.test"}).json()["id"]
    article = api.post("knowledge/articles", {"title": "T", "body": "B"}).json()["id"]
    workspace_close(workspace_id=owner.workspace.id)
    for path in (f"knowledge/articles/{article}", "webhooks/wh_0VcMissingMissing0000000"):
        refused = api.delete(path)
        assert refused.status_code == 409, (path, refused.content)
        assert refused.json()["error"]["code"] == "workspace_closed"
    assert api.get(f"knowledge/articles/{article}").status_code == 200
    assert api.delete(f"contacts/{contact}").status_code == 204
    assert api.get(f"contacts/{contact}").status_code == 404


def test_a_token_with_a_wrong_checksum_is_refused_even_if_its_hash_were_stored(owner):
    """Secret scanners rely on the checksum: a look-alike is refused before any lookup. Here the look-alike's
    hash is even stored on a live token: only the checksum check stands between it and the API."""
    plaintext = owner.plaintext
    flipped = "A" if plaintext[-1] != "A" else "B"
    look_alike = plaintext[:-1] + flipped
    ApiToken.all_workspaces.filter(pk=owner.token.pk).update(token_hash=hash_token(look_alike))
    response = ApiClient(look_alike).get("workspace")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


# --- Survivors of the mutmut run (tests/README.md "Mutation testing") -----------------------------


def _well_formed_body(random_part: str) -> str:
    """A token body with a correct checksum, whatever characters `random_part` holds."""
    return random_part + base62(zlib.crc32(random_part.encode()), 6)


@pytest.mark.parametrize("kind", ["one short", "one long", "another prefix", "a character outside base62"])
def test_a_malformed_token_is_refused_before_any_lookup_even_if_its_hash_were_stored(
    owner, count_queries, kind
):
    """Every shape check of `is_well_formed` on its own: the look-alike's hash is stored on a live token,
    so a check that lets it through answers 200 (and costs a lookup) instead of 401 with no query."""
    random_part = owner.plaintext[4:38]
    malformed = {
        "one short": owner.plaintext[:-1],
        "one long": owner.plaintext + "A",
        "another prefix": "ldt_" + owner.plaintext[4:],
        "a character outside base62": "lds_" + _well_formed_body("-" + random_part[1:]),
    }[kind]
    ApiToken.all_workspaces.filter(pk=owner.token.pk).update(token_hash=hash_token(malformed))
    address = f"198.51.100.{secrets.randbelow(250) + 1}"
    response, queries = count_queries(lambda: ApiClient(malformed).get("workspace", REMOTE_ADDR=address))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"
    assert queries == 0


def test_a_refused_cursor_names_its_parameter_and_says_why(owner):
    for after in ("cur_not-signed", "garbage", cursors.encode_cursor({"not": "a list"})):
        response = owner.api.get("contacts", {"after": after})
        assert response.status_code == 400
        error = response.json()["error"]
        assert (error["code"], error["param"], error["message"]) == (
            "invalid_cursor",
            "after",
            "The cursor is not valid for this list.",
        )


@pytest.mark.parametrize("size", range(6))
def test_a_cursor_decodes_to_what_was_encoded_whatever_its_padding(size):
    """Every length modulo 3: 0, 1 or 2 padding characters stripped and restored."""
    payload = ["list", "ws", "x" * size]
    assert cursors.decode_cursor(cursors.encode_cursor(payload)) == payload


@pytest.mark.parametrize("workspace_id", ["", None, "*"])
def test_for_workspace_refuses_no_id_and_the_all_workspaces_marker(db, workspace_id):
    with pytest.raises(NoWorkspaceInScope, match=r"^for_workspace\(\) needs a workspace id\.$"):
        Contact.objects.for_workspace(workspace_id)


def test_the_scoped_manager_outside_a_scope_says_how_to_enter_one(db):
    with pytest.raises(NoWorkspaceInScope, match=r"^No workspace in scope: use with_workspace\(\)"):
        list(Contact.objects.all())


LOCAL_MEMORY_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mutation-survivors"}
}


@override_settings(CACHES=LOCAL_MEMORY_CACHE, RATE_LIMIT_FAILED_AUTH_PER_MINUTE=2)
def test_without_redis_the_cache_counts_requests_and_failed_authentications_alike(db, count_queries):
    """A single development process runs on Django's local-memory cache: the same limits hold there
    (per-token budget, 429 with Retry-After, the failure budget per address with no lookup over it)."""
    if 60 - time.time() % 60 < 10:  # one rate-limit minute for the whole test
        time.sleep(60 - time.time() % 60 + 0.1)
    cache.clear()
    persona = make_persona(
        WorkspaceFactory(plan=Plan.objects.create(id="tiny-local", rate_limit_per_minute=2)), "owner"
    )
    responses = [persona.api.get("workspace") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert [r["X-RateLimit-Remaining"] for r in responses] == ["1", "0", "0"]
    _assert_retry_after_is_the_rest_of_the_minute(responses[2])
    assert responses[2].json()["error"]["code"] == "rate_limited"

    address = f"192.0.2.{secrets.randbelow(250) + 1}"
    bad = ApiClient(generate_token())
    assert [bad.get("workspace", REMOTE_ADDR=address).status_code for _ in range(2)] == [401, 401]
    blocked, queries = count_queries(lambda: bad.get("workspace", REMOTE_ADDR=address))
    assert (blocked.status_code, blocked.json()["error"]["code"], queries) == (429, "rate_limited", 0)
    _assert_retry_after_is_the_rest_of_the_minute(blocked)
    # Another address is not affected, and a token in use still works from the blocked one.
    assert bad.get("workspace", REMOTE_ADDR=f"{address}0").status_code == 401
    other = make_persona(persona.workspace, "agent")
    assert other.api.get("workspace").status_code == 200
    assert other.api.get("workspace", REMOTE_ADDR=address).status_code == 200


@pytest.mark.parametrize("budget", [1, 2])
@pytest.mark.parametrize("backend", ["redis", "local memory"])
@pytest.mark.parametrize("header", ["Bearer lds_tooShort", "Basic dXNlcjpwYXNz", "lds_"])
def test_malformed_credentials_count_against_the_address_and_are_refused_at_its_budget(
    db, settings, backend, header, budget
):
    """A credential that never reaches the token lookup (wrong shape, other scheme) still counts as a
    failure of its address, and the request after the budget is 429 exactly there."""
    if backend == "local memory":
        settings.CACHES = LOCAL_MEMORY_CACHE
    settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE = budget
    if 60 - time.time() % 60 < 10:  # one rate-limit minute for the whole test
        time.sleep(60 - time.time() % 60 + 0.1)
    address = f"203.0.113.{secrets.randbelow(250) + 1}-{secrets.token_hex(4)}"
    client = ApiClient(None)
    responses = [
        client.get("workspace", headers={"Authorization": header}, REMOTE_ADDR=address)
        for _ in range(budget + 1)
    ]
    assert [r.status_code for r in responses] == [401] * budget + [429]
    assert responses[-1].json()["error"]["code"] == "rate_limited"
    _assert_retry_after_is_the_rest_of_the_minute(responses[-1])


def _assert_retry_after_is_the_rest_of_the_minute(response):
    """Retry-After counts the seconds to the end of the rate-limit minute (at least 10 s away here), and
    the message says where to look."""
    assert abs(int(response["Retry-After"]) - (60 - time.time() % 60)) <= 2
    assert response.json()["error"]["message"] == (
        "Too many requests. Retry after the number of seconds in the Retry-After header."
    )


def test_a_cached_token_costs_no_query(owner, count_queries):
    """The hot path reads the cached token in the same Redis call that counts the request: a request
    answered before any view (an unknown route) runs no SQL at all once the token is cached."""
    if 60 - time.time() % 60 < 10:  # the warm-up writes this minute's last_used_at, not the request
        time.sleep(60 - time.time() % 60 + 0.1)
    assert owner.api.get("workspace").status_code == 200
    response, queries = count_queries(lambda: owner.api.get("no-such-route-but-authenticated"))
    assert (response.status_code, queries) == (404, 0)
    assert response["X-RateLimit-Limit"]


def test_a_fresh_process_loads_its_redis_scripts_and_reloads_a_lost_one(owner, monkeypatch):
    """The Lua scripts are registered on a process's first counted request, and loaded again when the
    server lost them; the processes running the tests have them from earlier tests, so forget them.
    Either way a new token's first request is counted in a bucket that expires after two minutes."""
    if 60 - time.time() % 60 < 10:  # one rate-limit minute for the whole test
        time.sleep(60 - time.time() % 60 + 0.1)
    address = f"203.0.113.{secrets.randbelow(250) + 1}-{secrets.token_hex(4)}"
    for lost in (False, True):
        monkeypatch.setattr(ratelimit, "_script", None)
        monkeypatch.setattr(ratelimit, "_read_and_hit_sha", "0" * 40 if lost else None)
        persona = make_persona(owner.workspace, "agent")  # not cached, a bucket of its own
        responses = [persona.api.get("workspace") for _ in range(2)]
        assert [r.status_code for r in responses] == [200, 200]
        remaining = [int(r["X-RateLimit-Remaining"]) for r in responses]
        assert remaining[0] - 1 == remaining[1]
        bucket = f"ratelimit:token:{hash_token(persona.plaintext)}:{int(time.time()) // 60}"
        assert 110 <= get_redis_connection("default").ttl(cache.make_key(bucket)) <= 120
        assert ApiClient("lds_tooShort").get("workspace", REMOTE_ADDR=address).status_code == 401


def test_the_request_log_line_names_the_workspace_and_token_it_acted_for(owner, stranger, caplog):
    caplog.set_level(logging.INFO, logger="leadiosa.request")
    for persona in (owner, stranger):
        assert persona.api.get("workspace").status_code == 200
    lines = [r for r in caplog.records if r.name == "leadiosa.request" and r.path == "/api/v1/workspace"]
    assert [(r.workspace_id, r.token_id) for r in lines] == [
        (owner.workspace.id, owner.token.id),
        (stranger.workspace.id, stranger.token.id),
    ]


def test_create_in_a_named_workspace_stays_there_inside_or_outside_a_scope(workspace, other_workspace):
    """`create(workspace=…)` names the workspace; neither the scope in force nor its absence changes it."""
    with with_workspace(workspace.id):
        inside = Contact.objects.create(workspace=other_workspace, email="inside@named.test")
    outside = Contact.objects.create(workspace=other_workspace, email="outside@named.test")
    for contact in (inside, outside):
        assert Contact.all_workspaces.get(pk=contact.pk).workspace_id == other_workspace.id


@pytest.mark.parametrize("backend", ["redis", "local memory"])
def test_a_hit_counts_in_the_current_minute_and_its_counter_expires_after_two(db, settings, backend):
    """`ratelimit.hit` (the widget's and the e-mail channel's limits): the window it returns, and a
    counter that expires on its own (two minutes: no key outlives its window for long)."""
    if backend == "local memory":
        settings.CACHES = LOCAL_MEMORY_CACHE
    if 60 - time.time() % 60 < 10:  # one rate-limit minute for the whole test
        time.sleep(60 - time.time() % 60 + 0.1)
    bucket = f"survivor:{secrets.token_hex(6)}"
    windows = [ratelimit.hit(bucket, 2) for _ in range(3)]
    end_of_minute = (int(time.time()) // 60 + 1) * 60
    assert [(w.limit, w.count, w.reset_at) for w in windows] == [(2, n, end_of_minute) for n in (1, 2, 3)]
    assert [(w.remaining, w.exceeded) for w in windows] == [(1, False), (0, False), (0, True)]
    assert abs(windows[2].retry_after - (end_of_minute - time.time())) <= 2
    key = cache.make_key(f"ratelimit:{bucket}:{end_of_minute // 60 - 1}")
    if backend == "redis":
        ttl = get_redis_connection("default").ttl(key)
    else:
        ttl = caches["default"]._expire_info[key] - time.time()  # LocMemCache has no public TTL
    assert 110 <= ttl <= 120


@pytest.mark.parametrize("credential", ["none", "revoked", "expired", "another scheme"])
def test_a_request_no_view_answers_counts_only_a_usable_bearer_token(owner, credential, caplog):
    """A route miss is counted against a usable bearer token (with its X-RateLimit-* headers) and against
    nothing else: no header, a revoked or expired token, a valid token under another scheme — and
    without the warning logged when counting fails."""
    if 60 - time.time() % 60 < 10:  # one rate-limit minute for the whole test
        time.sleep(60 - time.time() % 60 + 0.1)
    counted = owner.api.get("no-such-route-but-authenticated")
    assert counted.status_code == 404
    assert int(counted["X-RateLimit-Reset"]) == (int(time.time()) // 60 + 1) * 60
    persona = make_persona(owner.workspace, "agent")
    if credential == "revoked":
        token_revoke(token=persona.token)
    elif credential == "expired":
        ApiToken.all_workspaces.filter(pk=persona.token.pk).update(expires_at="2020-01-01T00:00:00Z")
    headers = {
        "none": {},
        "revoked": {"Authorization": f"Bearer {persona.plaintext}"},
        "expired": {"Authorization": f"Bearer {persona.plaintext}"},
        "another scheme": {"Authorization": f"Token {persona.plaintext}"},
    }[credential]
    caplog.set_level(logging.WARNING, logger="leadiosa.request")
    response = ApiClient(None).get("no-such-route-but-authenticated", headers=headers)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "route_not_found"
    assert not response.has_header("X-RateLimit-Limit")
    assert [r.getMessage() for r in caplog.records if r.name == "leadiosa.request"] == []


def test_no_authorization_header_says_how_to_send_the_token(anonymous, workspace):
    response = anonymous.get("workspace")
    assert response.status_code == 401
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "missing_token",
        "Send your API token as 'Authorization: Bearer <token>'.",
    )


def test_a_token_is_cached_for_five_minutes_at_most(owner):
    """A token change that missed its forget (a process killed before commit) lasts five minutes, not
    for ever: the cached copy expires."""
    assert owner.api.get("workspace").status_code == 200
    key = cache.make_key(_cache_key(hash_token(owner.plaintext)))
    assert 0 < get_redis_connection("default").ttl(key) <= 300


@pytest.mark.parametrize("shape", ["scheme only", "token without scheme", "unknown token"])
def test_a_refused_token_says_why(owner, shape):
    header = {
        "scheme only": "Bearer",
        "token without scheme": generate_token(),
        "unknown token": f"Bearer {generate_token()}",
    }[shape]
    response = ApiClient(None).get("workspace", headers={"Authorization": header})
    assert response.status_code == 401
    error = response.json()["error"]
    expected = (
        "The authorization scheme is missing: send 'Authorization: Bearer <token>'."
        if shape == "token without scheme"
        else "The API token is invalid, expired or revoked."
    )
    assert (error["code"], error["message"]) == ("invalid_token", expected)
