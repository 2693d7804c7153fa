import os

from .base import *  # noqa: F403
from .base import DATABASES

# Several suites may run side by side on one machine: each names its own test database.
_suffix = os.environ.get("TEST_DB_SUFFIX", "")
DATABASES["default"]["TEST"] = {"NAME": f"test_leadiosa{'_' + _suffix if _suffix else ''}"}
DATABASES["default"]["CONN_MAX_AGE"] = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["loggers"]["leadiosa.request"]["level"] = "WARNING"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".data" / f"test-media{_suffix}"  # noqa: F405
