"""Billing beat tasks: period roll-over and deprecation notices."""

from celery import shared_task

from leadiosa.context import SYSTEM, acting_as


@shared_task
def roll_over_billing_periods() -> int:
    """Beat: move every subscription whose period ended into its next period (usage starts at zero)."""
    from .services import roll_over_due_subscriptions

    with acting_as(SYSTEM):
        return roll_over_due_subscriptions()


@shared_task
def send_deprecation_notices() -> int:
    """Beat: e-mail owners of workspaces still using deprecated API features before their sunset."""
    from .notices import send_deprecation_notices as send

    with acting_as(SYSTEM):
        return send()
