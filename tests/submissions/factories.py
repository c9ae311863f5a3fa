"""Builders for submissions: form data a reader would send, and stored submissions in any state."""

from editorial.models import Pathway
from submissions.models import Submission

# What the three forms are called on the site: URL segment (= anchor on the dossier) and kind.
FORM_PAGES = {
    "defend": Submission.Kind.DEFENSE,
    "scene-challenge": Submission.Kind.SCENE_PICK,
    "next-pick": Submission.Kind.NEXT_PICK,
}

READER_TEXT = 'The elevator is "tender & brutal" at once: a kiss, then <the stamp>. Nobody talks about it.'


def form_url(film, anchor):
    return f"/films/{film.slug}/{anchor}/"


def form_data(film, anchor, *, body=READER_TEXT, **overrides):
    """A good POST for one of the three forms, filled as a reader would (`None` leaves a field out)."""
    kind = FORM_PAGES[anchor]
    data = {
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
        "client_key": "0" * 64,
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


def what_the_form_sends(form):
    """The fields a browser would post from a rendered <form> (a tests.html element), as it stands."""
    data = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or "disabled" in element.attrs:
            continue
        if element.tag == "input":
            kind = element.attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "image", "file"):
                continue
            if kind in ("radio", "checkbox") and "checked" not in element.attrs:
                continue
            data[name] = element.attrs.get("value", "on" if kind in ("radio", "checkbox") else "")
        elif element.tag == "textarea":
            text = "".join(child for child in element.children if isinstance(child, str))
            data[name] = text.removeprefix("\n")  # a browser drops the newline right after <textarea>
        elif element.tag == "select":
            options = element.find_all("option")
            chosen = [option for option in options if "selected" in option.attrs] or options[:1]
            if chosen:
                data[name] = chosen[0].attrs.get("value", chosen[0].text)
    return data
