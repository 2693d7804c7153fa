"""Reading and changing a workspace's widget settings (emits `widget.updated`, audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from leadiosa.context import Actor
from leadiosa.events import emit

from . import identity
from .keys import public_key
from .models import WidgetSettings

FIELDS = ("allowed_origins", "greeting", "color")


def widget_representation(workspace_id: str, settings: WidgetSettings | None) -> dict:
    data = {"public_key": public_key(workspace_id), "allowed_origins": []}
    if settings is not None:
        data["allowed_origins"] = list(settings.allowed_origins)
        if settings.greeting:
            data["greeting"] = settings.greeting
        if settings.color:
            data["color"] = settings.color
    return data


def widget_settings_get(*, workspace_id: str) -> dict:
    return widget_representation(workspace_id, WidgetSettings.objects.for_workspace(workspace_id).first())


@transaction.atomic
def widget_settings_update(*, workspace_id: str, changes: dict) -> dict:
    """Apply a PATCH: the fields given; null or "" clears `greeting` and `color`. Emits `widget.updated`
    with the previous values of what changed (nothing changed: nothing emitted)."""
    settings, _created = (
        WidgetSettings.objects.for_workspace(workspace_id)
        .select_for_update()
        .get_or_create(workspace_id=workspace_id)
    )
    before = widget_representation(workspace_id, settings)
    changed = []
    for field in FIELDS:
        if field not in changes:
            continue
        value = changes[field]
        if field != "allowed_origins":
            value = value or None
        if getattr(settings, field) != value:
            setattr(settings, field, value)
            changed.append(field)
    if not changed:
        return before
    settings.updated_at = timezone.now()
    settings.save(update_fields=[*changed, "updated_at"])
    after = widget_representation(workspace_id, settings)
    emit(
        "widget.updated",
        workspace_id=workspace_id,
        resource_type="widget",
        resource_id=public_key(workspace_id),
        data=after,
        previous_attributes={field: before.get(field) for field in changed},
        changes=changed,
    )
    return after


def widget_secret_exists(*, workspace_id: str) -> bool:
    """Whether the workspace has an identity-verification secret (its value is never shown again)."""
    return (
        WidgetSettings.objects.for_workspace(workspace_id)
        .filter(identity_secret_encrypted__isnull=False)
        .exists()
    )


def widget_secret_rotate(workspace_id: str, actor: Actor | None = None) -> str:
    """A new identity-verification secret for the workspace (the first one, or a replacement: the old one
    stops verifying at once). Returns the plaintext, to be shown once; stores it encrypted. Emits
    `widget.secret_rotated` (audited, without the secret), as `actor` when given (else the request's)."""
    secret = identity.generate_secret()
    with transaction.atomic():
        settings, _created = (
            WidgetSettings.objects.for_workspace(workspace_id)
            .select_for_update()
            .get_or_create(workspace_id=workspace_id)
        )
        settings.identity_secret_encrypted = identity.seal(secret)
        settings.updated_at = timezone.now()
        settings.save(update_fields=["identity_secret_encrypted", "updated_at"])
        emit(
            "widget.secret_rotated",
            workspace_id=workspace_id,
            resource_type="widget",
            resource_id=public_key(workspace_id),
            changes=["identity_secret"],
            actor=actor,
        )
    return secret


def widget_identity_secret(workspace_id: str) -> str | None:
    """The plaintext secret, for verifying a host page's claim (never for showing)."""
    token = (
        WidgetSettings.objects.for_workspace(workspace_id)
        .values_list("identity_secret_encrypted", flat=True)
        .first()
    )
    return identity.unseal(token)
