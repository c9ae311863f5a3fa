"""Builders for submissions: form data a reader would send, and stored submissions in any state."""

from submissions import clock
from submissions.forms import MIN_FILL_SECONDS, issue_token
from submissions.models import Submission
from editorial.models import Pathway

# What the three forms are called on the site: URL segment (= anchor on the dossier) and kind.
FORM_PAGES = {
    "defend": Submission.Kind.DEFENSE,
    "scene-challenge": Submission.Kind.SCENE_PICK,
    "next-pick": Submission.Kind.NEXT_PICK,
}

READER_TEXT = 'The elevator is "tender & brutal" at once: a kiss, then <the stamp>. Nobody talks about it.'


def form_url(film, anchor):
    return f"/films/{film.slug}/{anchor}/"


def aged_token(film, kind, seconds=MIN_FILL_SECONDS + 7):
    """A token as if the form had been shown `seconds` ago (by the submissions clock)."""
    return issue_token(film, kind, issued_at=clock.now() - seconds)


def form_data(film, anchor, *, body=READER_TEXT, **overrides):
    """A good POST for one of the three forms, filled as a patient reader would."""
    kind = FORM_PAGES[anchor]
    data = {
        "token": aged_token(film, kind),
        "website": "",
        "body": body,
        "display_name": "Night driver",
        "email": "reader@example.com",
    }
    if kind == Submission.Kind.DEFENSE:
        data["underrated"] = Submission.Underrated.ENDING
    elif kind == Submission.Kind.SCENE_PICK:
        data["scene"] = str(film.scene_clips.order_by("position").first().pk)
        data["scene_name"] = ""
        data["carries"] = Submission.Carries.STYLE
    else:
        data["suggested_title"] = "Le Samouraï"
        data["pathway"] = Pathway.PRESSURE
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def make_submission(film, kind=Submission.Kind.DEFENSE, *, state=Submission.State.PENDING, **fields):
    """A stored submission, as if a reader had sent it (and a moderator decided it, for `state`)."""
    defaults = {
        "body": f"A reader's case for {film.title}, long enough to count.",
        "client_hash": "0" * 64,
        "fingerprint": "",
    }
    if kind == Submission.Kind.DEFENSE:
        defaults["underrated"] = Submission.Underrated.SCENE
    elif kind == Submission.Kind.SCENE_PICK:
        defaults["carries"] = Submission.Carries.PRESSURE
    else:
        defaults["pathway"] = Pathway.FILMMAKER
        if "suggested_film" not in fields:
            defaults["suggested_title"] = "Le Samouraï"
    return Submission.objects.create(film=film, kind=kind, state=state, **{**defaults, **fields})
