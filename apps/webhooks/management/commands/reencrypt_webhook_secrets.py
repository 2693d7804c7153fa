"""`manage.py reencrypt_webhook_secrets`: after a SECRET_KEY rotation, re-seal every stored webhook
secret under the current key at once (delivery does it lazily, endpoint by endpoint), so the old key can
leave SECRET_KEY_FALLBACKS. Prints how many endpoints changed on its last line."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.webhooks.models import WebhookEndpoint
from apps.webhooks.secrets import reencrypt_secret
from apps.workspaces.models import Workspace
from leadiosa.tenancy import with_workspace


class Command(BaseCommand):
    help = "Re-encrypt stored webhook secrets under the current SECRET_KEY (after a rotation)."

    def handle(self, *args, **options):
        changed = 0
        for workspace_id in Workspace.objects.values_list("id", flat=True).iterator():
            with with_workspace(workspace_id), transaction.atomic():
                for endpoint in WebhookEndpoint.objects.select_for_update().only(
                    "id", "secret_encrypted", "previous_secret_encrypted"
                ):
                    current = reencrypt_secret(endpoint.secret_encrypted)
                    previous = reencrypt_secret(endpoint.previous_secret_encrypted)
                    if (current, previous) != (endpoint.secret_encrypted, endpoint.previous_secret_encrypted):
                        WebhookEndpoint.objects.filter(id=endpoint.id).update(
                            secret_encrypted=current, previous_secret_encrypted=previous
                        )
                        changed += 1
        self.stdout.write(str(changed))
