"""Billing beat tasks: period roll-over."""

from celery import shared_task

from leadiosa.context import SYSTEM, acting_as


@shared_task
def roll_over_billing_periods() -> int:
    """Beat: move every subscription whose period ended into its next period (usage starts at zero)."""
    from .services import roll_over_due_subscriptions

    with acting_as(SYSTEM):
        return roll_over_due_subscriptions()
