"""Shared preview links: an editor shows a draft to someone without an account, until the
link expires or is revoked; the page is never indexed and never cached."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial.models import PreviewLink
from films.models import Film
from tests.factories import make_full_dossier
from tests.navigation.forms import form_data, form_errors, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_full_dossier("Drive", status=Film.Status.DRAFT)


def share(editor_client, film, **fields):
    """Add a preview link on the film's page, as an editor does, and return it."""
    path = f"/admin/films/film/{film.pk}/change/"
    page = editor_client.get(path)
    data = form_data(page)
    prefix = inline_prefix(page, PreviewLink)
    row = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(row + 1)]
    in_a_week = timezone.localtime(PreviewLink._meta.get_field("expires_at").default())
    defaults = {"note": "For the publicist", "expires_at_0": in_a_week.strftime("%Y-%m-%d"),
                "expires_at_1": in_a_week.strftime("%H:%M:%S")}
    data.update({f"{prefix}-{row}-{name}": [value] for name, value in {**defaults, **fields}.items()})
    data["_save"] = ["Save"]
    response = editor_client.post(path, data)
    assert response.status_code == 302, form_errors(response)
    return PreviewLink.objects.latest("created_at")


def test_a_shared_link_shows_the_draft_to_an_anonymous_browser_never_indexed_or_cached(
    reader, editor_client, editor, draft, page_cache_on
):
    link = share(editor_client, draft)
    assert link.created_by == editor
    assert reader.get(draft.get_absolute_url()).status_code == 404  # still a draft

    response = reader.get(link.get_absolute_url())

    assert response.status_code == 200
    assert "A stunt driver moonlights as a getaway driver." in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Set-Cookie" not in response  # the reader gets no session for it
    # A second visit renders it again (nothing stored), so a revoke takes effect at once.
    PreviewLink.objects.filter(pk=link.pk).update(revoked=True)
    assert reader.get(link.get_absolute_url()).status_code == 404


def test_the_link_stops_working_when_it_expires(reader, editor_client, draft, clock):
    link = share(editor_client, draft)
    assert reader.get(link.get_absolute_url()).status_code == 200

    clock.advance(link.expires_at - clock.now() + timedelta(seconds=1))

    assert reader.get(link.get_absolute_url()).status_code == 404


def test_an_editor_revokes_a_link_from_the_films_page(reader, editor_client, draft):
    link = share(editor_client, draft)
    path = f"/admin/films/film/{draft.pk}/change/"
    page = editor_client.get(path)
    data = form_data(page)
    prefix = inline_prefix(page, PreviewLink)
    data[f"{prefix}-0-revoked"] = ["on"]
    data["_save"] = ["Save"]

    assert editor_client.post(path, data).status_code == 302
    assert reader.get(link.get_absolute_url()).status_code == 404
    assert "stopped working" in editor_client.get(path).content.decode()


def test_a_made_up_token_is_a_404(reader, draft):
    assert reader.get("/films/shared/not-a-real-token/").status_code == 404
