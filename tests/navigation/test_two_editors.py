"""Two editors on one film: the second save of a film changed since it was opened is refused,
with what changed shown and nothing of either editor's lost."""

import pytest
from django.contrib.auth.models import Group, User

from editorial.roles import EDITORS
from films.models import Film
from tests.clients import browser
from tests.factories import make_full_dossier
from tests.navigation.forms import form_data, form_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor_client(db):
    user = User.objects.create_user("second-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client = browser()
    client.force_login(user)
    return client


def opened(client, film):
    page = client.get(f"/admin/films/film/{film.pk}/change/")
    assert page.status_code == 200
    return {**form_data(page), "_save": ["Save"]}


def save(client, film, data):
    return client.post(f"/admin/films/film/{film.pk}/change/", data)


def test_the_second_save_of_a_film_changed_meanwhile_is_refused_with_the_changes_shown(
    editor_client, second_editor_client
):
    drive = make_full_dossier("Drive")
    first, second = opened(editor_client, drive), opened(second_editor_client, drive)
    first["logline_en"] = ["The first editor's logline."]
    assert save(editor_client, drive, first).status_code == 302
    second["title"] = ["Drive (the second editor's title)"]

    response = save(second_editor_client, drive, second)

    assert response.status_code == 200
    page = response.content.decode()
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("Someone saved this film after you opened it: editor at ")
    assert "Changed Logline [en]." in error  # who changed what
    assert "Someone saved this film after you opened it" in page
    assert "Drive (the second editor&#x27;s title)" in page  # the second editor's input, kept
    film = Film.objects.get(pk=drive.pk)
    assert film.logline == "The first editor's logline."  # the first editor's save, kept
    assert film.title == "Drive"


def test_sending_the_refused_form_again_saves_it_on_purpose(editor_client, second_editor_client):
    drive = make_full_dossier("Drive")
    first, second = opened(editor_client, drive), opened(second_editor_client, drive)
    first["logline_en"] = ["The first editor's logline."]
    save(editor_client, drive, first)
    second["title"] = ["Drive, as the second editor has it"]
    refused = save(second_editor_client, drive, second)

    again = save(second_editor_client, drive, {**form_data(refused), "_save": ["Save"]})

    assert again.status_code == 302, form_errors(again)
    assert Film.objects.get(pk=drive.pk).title == "Drive, as the second editor has it"


def test_one_editor_saving_twice_is_never_refused(editor_client):
    drive = make_full_dossier("Drive")
    data = opened(editor_client, drive)
    assert save(editor_client, drive, data).status_code == 302

    data = opened(editor_client, drive)
    data["logline_en"] = ["Saved again, from a freshly opened page."]

    assert save(editor_client, drive, data).status_code == 302
