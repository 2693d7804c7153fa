"""The webhook workers' settings plus one test-only task module (tests/security/worker_probe.py)."""

from tests.webhooks.worker_settings import *  # noqa: F403

CELERY_IMPORTS = ("tests.security.worker_probe",)
