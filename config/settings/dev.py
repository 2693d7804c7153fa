from .base import *  # noqa: F403

DEBUG = False  # keep the API's JSON error pages; Django's debug page would leak internals
ALLOWED_HOSTS = ["*"]
# A receiver on localhost works in development only (CONTRACT §2 webhooks, SSRF).
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
