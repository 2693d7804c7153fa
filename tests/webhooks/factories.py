"""Webhook rows for tests, created through `all_workspaces` like every tenant factory."""

from __future__ import annotations

from apps.webhooks.models import WebhookEndpoint
from apps.webhooks.secrets import encrypt_secret, generate_secret


def make_endpoint(
    workspace, url: str = "https://hooks.example.com/in", events=("*",), **fields
) -> tuple[WebhookEndpoint, str]:
    """An endpoint and its plaintext secret."""
    secret = generate_secret()
    endpoint = WebhookEndpoint.all_workspaces.create(
        workspace=workspace,
        url=url,
        events=list(events),
        secret_encrypted=encrypt_secret(secret),
        **fields,
    )
    return endpoint, secret
