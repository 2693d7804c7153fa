from celery import shared_task

from leadiosa.api import idempotency
from leadiosa.context import SYSTEM, acting_as


@shared_task
def purge_expired_idempotency_keys() -> int:
    return idempotency.purge_expired()


@shared_task
def send_deprecation_notices() -> int:
    """Beat: e-mail owners of workspaces still using deprecated API features before their sunset."""
    from leadiosa.api.deprecation_notices import send_deprecation_notices as send

    with acting_as(SYSTEM):
        return send()
