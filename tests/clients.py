"""Test clients that behave as browsers do on this site's pages."""

from django.test import Client

# What a browser sends with every request made from one of this site's own pages. The reader
# forms refuse a POST that does not say where it comes from (cinemaone.cross_origin).
FROM_OUR_PAGES = {"Sec-Fetch-Site": "same-origin"}


def browser(**kwargs):
    """A test client that, like every current browser, says which site its requests come from."""
    return Client(headers=FROM_OUR_PAGES, **kwargs)
