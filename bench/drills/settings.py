"""Settings for the fault drills: development settings (embedded PostgreSQL and Redis under the drill's
own LEADIOSA_DATA_DIR, a receiver on 127.0.0.1 allowed) with the sweeper re-queueing a delivery whose
task was lost after 5 s instead of 60 s, so the SIGKILL drill does not wait a minute."""

from config.settings.dev import *  # noqa: F403

WEBHOOKS_REDISPATCH_AFTER_SECONDS = 5
