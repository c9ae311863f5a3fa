"""What the review queue keeps from moderators: nothing groups one reader's posts, and no link
gives away where an unpublished dossier will be."""

import pytest
from django.contrib.contenttypes.models import ContentType

from editorial.models import DossierEntry, Section
from submissions.models import Submission
from tests.factories import make_draft_film
from tests.html import page_of
from tests.submissions.factories import form_data, form_url, make_submission

pytestmark = pytest.mark.django_db

QUEUE = "/admin/submissions/submission/"


def view_on_site(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.mark.parametrize("lookup", ["client_key", "client_key__startswith", "client_key__in", "fingerprint",
                                    "email__icontains", "posted_on"])
def test_the_queue_cannot_be_filtered_by_who_sent_it(moderator_client, drive, lookup):
    make_submission(drive, client_key="ab" * 32)

    response = moderator_client.get(QUEUE, {lookup: "ab"})

    assert response.status_code == 400


def test_the_queue_shows_and_searches_no_client_key(client, moderator_client, drive):
    client.post(form_url(drive, "defend"), form_data(drive, "defend"))
    key = Submission.objects.get().client_key

    page = moderator_client.get(QUEUE)
    searched = moderator_client.get(QUEUE, {"q": key[:16]})

    assert page.status_code == 200
    assert key[:16] not in page.content.decode()
    assert "client" not in page_of(page).by_id("changelist-filter").text.lower()
    assert "0 submissions" in page_of(searched).text or not page_of(searched).find_all("tr", class_="row1")
    review = moderator_client.get(f"{QUEUE}{Submission.objects.get().pk}/review/")
    assert key[:16] not in review.content.decode()


@pytest.fixture
def draft(db):
    return make_draft_film("Only God Forgives")


def test_a_moderators_view_on_site_for_a_draft_film_is_a_404(moderator_client, draft):
    response = moderator_client.get(view_on_site(draft))

    assert response.status_code == 404
    assert draft.slug not in response.get("Location", "")


def test_a_moderators_view_on_site_for_a_drafts_section_is_a_404(moderator_client, draft):
    section = DossierEntry.objects.create(film=draft, section=Section.WHY_IT_MATTERS, body="Because.")

    assert moderator_client.get(view_on_site(section)).status_code == 404


def test_an_editors_view_on_site_for_a_draft_opens_its_preview(editor_client, draft):
    response = editor_client.get(view_on_site(draft))

    assert (response.status_code, response["Location"]) == (302, f"/films/{draft.slug}/preview/")


def test_view_on_site_for_a_live_film_opens_its_dossier(moderator_client, drive):
    response = moderator_client.get(view_on_site(drive))

    assert (response.status_code, response["Location"]) == (302, "http://testserver/films/drive/")


@pytest.mark.parametrize("object_id", ["999999", "x", "%00"])
def test_view_on_site_for_nothing_is_a_404(moderator_client, drive, object_id):
    content_type = ContentType.objects.get_for_model(drive)

    assert moderator_client.get(f"/admin/r/{content_type.pk}/{object_id}/").status_code == 404
