"""The submissions' clock, in seconds: one function, so tests can move time without sleeping."""

import time


def now():
    return time.time()
