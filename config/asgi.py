import os

from django.core.asgi import get_asgi_application

# Servers and workers run the production settings unless told otherwise (`make run` says dev).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_asgi_application()
