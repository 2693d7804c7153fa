"""Benchmark settings with the audit sink switched off (everything else identical)."""

from bench.settings import *  # noqa: F403
from bench.settings import INSTALLED_APPS

INSTALLED_APPS = [
    "bench.audit.noaudit.AuditWithoutSinkConfig" if app == "apps.audit" else app for app in INSTALLED_APPS
]
