"""Health endpoints, HTTPS in production, operator commands, the spec."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from apps.workspaces.models import ApiToken, Member, Workspace
from tests.conftest import ApiClient

pytestmark = pytest.mark.urls("tests.platform.urls")


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_healthz_answers_without_auth(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_cache_and_broker(db, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_production_redirects_plain_http_and_sends_hsts(owner):
    plain = Client().get("/api/v1/workspace")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = ApiClient(owner.plaintext).get("workspace", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert "max-age=31536000" in secure["Strict-Transport-Security"]


def test_prod_settings_refuse_the_development_secret(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "dev-insecure-secret-key-change-me")
    sys.modules.pop("config.settings.prod", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("config.settings.prod")
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DEBUG", "1")
    sys.modules.pop("config.settings.prod", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("config.settings.prod")
    sys.modules.pop("config.settings.prod", None)


def test_operator_commands_create_workspace_mint_list_and_revoke(db):
    workspace_id = run(
        "workspace", "create", "--name", "Ops", "--owner-email", "ops@example.com", "--plan", "free"
    )
    assert re.fullmatch(r"ws_[A-Za-z0-9]{22}", workspace_id)
    workspace = Workspace.objects.get(id=workspace_id)
    assert workspace.plan_id == "free"
    assert Member.all_workspaces.get(workspace=workspace).role == "owner"

    token = run(
        "token",
        "create",
        "--workspace",
        workspace_id,
        "--email",
        "new@example.com",
        "--role",
        "agent",
        "--scope",
        "read",
        "--name",
        "ci",
        "--expires-in-days",
        "30",
    )
    assert re.fullmatch(r"lds_[A-Za-z0-9]{40}", token)
    assert ApiClient(token).get("workspace").status_code == 200

    token_id = ApiToken.all_workspaces.get(workspace=workspace, name="ci").id
    listing = io.StringIO()
    call_command("token", "list", "--workspace", workspace_id, stdout=listing)
    assert f"{token_id}\tci\tagent\tread\tactive" in listing.getvalue()

    run("token", "revoke", token_id)
    assert ApiClient(token).get("workspace").status_code == 401


def test_token_command_refuses_a_role_above_the_members(db):
    workspace_id = run("workspace", "create", "--name", "Ops", "--owner-email", "o2@example.com")
    run("token", "create", "--workspace", workspace_id, "--email", "a@example.com", "--role", "agent")
    with pytest.raises(CommandError):
        call_command(
            "token", "create", "--workspace", workspace_id, "--email", "a@example.com", "--role", "owner"
        )


def test_unknown_plan_or_workspace_is_a_clear_command_error(db):
    with pytest.raises(CommandError):
        call_command("workspace", "create", "--name", "X", "--owner-email", "x@example.com", "--plan", "gold")
    with pytest.raises(CommandError):
        call_command("token", "list", "--workspace", "ws_missing")


def test_openapi_spec_is_public_json_and_documents_the_envelope(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "Error" in spec["components"]["schemas"]
    operation = spec["paths"]["/api/v1/workspace"]["get"]
    assert {"200", "401", "429"} <= set(operation["responses"])
    assert "X-RateLimit-Remaining" in operation["responses"]["200"]["headers"]


def test_docs_page_renders(client, db):
    response = client.get("/docs/api/")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_demo_workspace_answers_a_question_from_its_knowledge(
    eager_tasks, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        token = run("demo")
    api = ApiClient(token)
    assert api.get("knowledge/articles").json()["data"]
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            "conversations",
            {"contact": {"email": "visitor@example.com"}, "message": {"body": "How do I reset my password?"}},
        ).json()
    thread = api.get(f"conversations/{created['id']}/messages").json()["data"]
    assert [m["author"]["type"] for m in thread] == ["contact", "assistant"]
    assert "Reset password" in thread[1]["body"]
    # Running it again reuses the workspace and mints a new token.
    assert run("demo") != token
