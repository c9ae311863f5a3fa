"""The changelists' quicker row checkboxes are the markup Django's own widget renders."""

import pytest
from django.contrib import admin

from cinemaone.admin_lists import QuickActionCheckboxMixin
from films.models import Film
from submissions.models import Submission


@pytest.mark.parametrize("title", ["Drive", 'A "quoted" <b>film</b> & co', "Amélie's <script>"])
def test_row_checkbox_matches_djangos(title):
    film = Film(pk=7, title=title, year=2011)
    assert QuickActionCheckboxMixin().action_checkbox(film) == admin.ModelAdmin.action_checkbox(
        admin.site._registry[Film], film
    )


@pytest.mark.parametrize("model", [Film, Submission])
def test_the_busy_changelists_use_it(model):
    assert isinstance(admin.site._registry[model], QuickActionCheckboxMixin)
