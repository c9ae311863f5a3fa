"""ASGI entry point, for servers that speak ASGI."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cinemaone.settings")
application = get_asgi_application()
