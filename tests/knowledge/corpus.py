"""A small fixed help-center corpus with known answers, for ranking tests."""

from .factories import published

ENGLISH = {
    "refunds": (
        "Refund policy",
        "# Refunds\n\nWe refund any order within 30 days of delivery. Refunds go back to the original "
        "payment method.\n\n## Gift cards\n\nGift cards cannot be refunded once redeemed.",
    ),
    "shipping": (
        "Shipping times",
        "Orders ship within two business days. International shipping takes up to ten days. Tracking "
        "numbers are e-mailed once the parcel leaves our warehouse.",
    ),
    "password": (
        "Reset your password",
        "To reset your password, open the login page and click 'Forgot password'. We e-mail a reset "
        "link that is valid for one hour.",
    ),
    "cancel": (
        "Cancel your subscription",
        "You can cancel your subscription at any time from the Billing settings. Cancellation takes "
        "effect at the end of the period; no refund is given for the remaining days.",
    ),
    "2fa": (
        "Two-factor authentication",
        "Enable two-factor authentication in the Security settings with an authenticator app.",
    ),
}


def load(workspace) -> dict:
    """Ingest the corpus into a workspace; returns {key: article}."""
    return {key: published(workspace, title, body) for key, (title, body) in ENGLISH.items()}
