"""The deploy checks standing in for Django's W002/W003 (silenced: our page middleware are subclasses)."""

from django.conf import settings
from django.core import checks
from django.test import override_settings

from leadiosa.checks import page_protections


def _ids(**overrides) -> set[str]:
    with override_settings(**overrides):
        return {message.id for message in page_protections(None)}


def test_the_configured_middleware_passes_in_production_settings():
    assert _ids(CSRF_COOKIE_SECURE=True, X_FRAME_OPTIONS="DENY") == set()


def test_the_check_runs_with_deploy_checks():
    with override_settings(CSRF_COOKIE_SECURE=False, X_FRAME_OPTIONS="DENY"):
        found = {m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])}
    assert "leadiosa.W003" in found


def test_missing_csrf_or_frame_protection_is_named():
    without_csrf = [m for m in settings.MIDDLEWARE if not m.endswith("CsrfViewMiddleware")]
    without_frames = [m for m in settings.MIDDLEWARE if not m.endswith("XFrameOptionsMiddleware")]
    assert _ids(MIDDLEWARE=without_csrf, CSRF_COOKIE_SECURE=True, X_FRAME_OPTIONS="DENY") == {"leadiosa.W001"}
    assert _ids(MIDDLEWARE=without_frames, CSRF_COOKIE_SECURE=True, X_FRAME_OPTIONS="DENY") == {
        "leadiosa.W002"
    }


def test_insecure_settings_are_named():
    assert _ids(CSRF_COOKIE_SECURE=False, X_FRAME_OPTIONS="SAMEORIGIN") == {"leadiosa.W003", "leadiosa.W004"}
