"""Deploy checks for the dashboard's middleware, which Django's own checks cannot see.

Django's security checks W002 (clickjacking) and W003 (CSRF) look for the exact dotted paths of its
middleware in settings.MIDDLEWARE; ours are subclasses that API paths skip
(leadiosa/api/page_middleware.py), so those two checks are silenced in settings and this one takes their
place: each of the two protections must be in MIDDLEWARE as Django's class or a subclass of it, and the
settings Django would then check (secure CSRF cookie, frames denied) must hold."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string

PROTECTIONS = {
    "leadiosa.W001": (CsrfViewMiddleware, "CSRF protection"),
    "leadiosa.W002": (XFrameOptionsMiddleware, "the X-Frame-Options header"),
}


def _has_subclass_of(cls) -> bool:
    return any(issubclass(import_string(path), cls) for path in settings.MIDDLEWARE)


@checks.register(checks.Tags.security, deploy=True)
def page_protections(app_configs, **kwargs) -> list[checks.CheckMessage]:
    problems = [
        checks.Warning(
            f"No middleware in MIDDLEWARE gives the dashboard {what} ({cls.__name__}).", id=check_id
        )
        for check_id, (cls, what) in PROTECTIONS.items()
        if not _has_subclass_of(cls)
    ]
    if _has_subclass_of(CsrfViewMiddleware) and not settings.CSRF_COOKIE_SECURE:
        problems.append(checks.Warning("CSRF_COOKIE_SECURE is not True.", id="leadiosa.W003"))
    if _has_subclass_of(XFrameOptionsMiddleware) and settings.X_FRAME_OPTIONS != "DENY":
        problems.append(checks.Warning("X_FRAME_OPTIONS is not 'DENY'.", id="leadiosa.W004"))
    return problems
