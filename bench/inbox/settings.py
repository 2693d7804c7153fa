"""Benchmark server settings: the platform benchmark's, plus the inbox reference routes."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.inbox.urls"
