import os

from celery import Celery

# Servers and workers run the production settings unless told otherwise (`make run` says dev).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

app = Celery("leadiosa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
