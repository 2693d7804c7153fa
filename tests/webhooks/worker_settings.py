"""Settings for the Celery worker processes the webhook worker tests start.

The test settings plus one thing: the receiver those tests run listens on 127.0.0.1, which only
development settings may reach (WEBHOOKS_ALLOW_PRIVATE_NETWORKS), and a subprocess cannot take a
pytest `settings` override.
"""

from config.settings.test import *  # noqa: F403

WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
