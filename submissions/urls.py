from django.urls import path

from submissions import views
from submissions.models import Submission

app_name = "submissions"

urlpatterns = [
    path("<slug:slug>/defend/", views.submission_form, {"kind": Submission.Kind.DEFENSE}, name="defend"),
    path(
        "<slug:slug>/scene-challenge/",
        views.submission_form,
        {"kind": Submission.Kind.SCENE_PICK},
        name="scene_challenge",
    ),
    path("<slug:slug>/next-pick/", views.submission_form, {"kind": Submission.Kind.NEXT_PICK}, name="next_pick"),
]
