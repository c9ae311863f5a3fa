"""`manage.py purge_pages`: empty the page cache, here and in every cache in front (PURGE_URL).

Run it after each deploy that changes templates or static files. This app's own cache never
serves a page stored by another release (pagecache.middleware.release), but Varnish cannot tell:
it would keep serving the old release's pages, which name CSS files the new one no longer has.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from pagecache.tags import purge_all


class Command(BaseCommand):
    help = "Empty the page cache, and every cache in front of the app (PURGE_URL)."

    def handle(self, *args, **options):
        purge_all()
        fronts = ", ".join(settings.PURGE_URLS) or "none (PURGE_URL is not set)"
        self.stdout.write(f"Page cache emptied; caches in front purged: {fronts}.")
