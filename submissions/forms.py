"""The three reader forms. Each carries a honeypot and a signed token with the time it was shown."""

import functools
import hashlib

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse

from cinemaone.holes import form_token_hole
from films.models import Film
from submissions import clock
from submissions.models import Submission

TOKEN_SALT = "submissions.form-token"
MIN_FILL_SECONDS = 3
MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60
BODY_MAX_LENGTH = 2000
BODY_MIN_LENGTH = 20


def issue_token(film, kind, issued_at=None):
    return issue_token_for(film.pk, kind, issued_at)


def issue_token_for(film_pk, kind, issued_at=None):
    """A signed token saying which form this is and when it was shown, for the minimum fill time."""
    issued_at = clock.now() if issued_at is None else issued_at
    return _signed_token(film_pk, kind, int(issued_at), settings.SECRET_KEY)


@functools.lru_cache(maxsize=1024)
def _signed_token(film_pk, kind, at, _secret_key):
    # The same film, kind and second always sign to the same token, and every cached dossier
    # view asks for three of them: signing once per second spares the HMAC on the rest.
    # The secret is part of the key: after a rotation no token signed with the old one is served.
    return signing.dumps({"film": film_pk, "kind": kind, "at": at}, salt=TOKEN_SALT)


class SubmissionForm(forms.ModelForm):
    """Shared fields and defences; subclasses add what their kind asks."""

    kind = None
    body_label = "Make the case"
    # How the form presents itself on the dossier and on its own page.
    url_name = anchor = eyebrow = heading_template = intro = ""
    thanks = "Thank you: it is in the review queue."

    # Readers never see this field (it is hidden with CSS and from assistive
    # technology); simple bots fill every field they find.
    website = forms.CharField(required=False, label="Leave this field empty")
    token = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=BODY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        help_text=f"Between {BODY_MIN_LENGTH} and {BODY_MAX_LENGTH} characters.",
    )

    class Meta:
        model = Submission
        fields = ["body", "display_name", "email"]
        labels = {"display_name": "Display name (optional)", "email": "E-mail (optional, never shown)"}
        help_texts = {"email": "Only if you want us to be able to reply. It is never published."}

    def __init__(self, film, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.film = self.instance.film = film
        self.instance.kind = self.kind
        self.fields["body"].label = self.body_label
        # Validate the token the reader sent, but render a fresh one, so that a
        # reader who fixes an error is timed from the moment the form came back.
        self.submitted_token = self.data.get("token") if self.is_bound else None
        # A hole, filled per response (cinemaone.holes), so cached pages carry a fresh token too.
        self.initial["token"] = form_token_hole(film.pk, self.kind)
        if self.is_bound:
            self.data = self.data.copy()
            self.data["token"] = self.initial["token"]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean(self):
        cleaned = super().clean()
        # Said at the top of the form: the trap field itself is hidden from people.
        if cleaned.get("website"):
            self.add_error(None, "A hidden anti-spam field was filled in (sometimes a browser's autofill does "
                                 "this). Nothing was sent; please send the form again.")
        return cleaned

    def clean_token(self):
        try:
            payload = signing.loads(self.submitted_token or "", salt=TOKEN_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                "This form could not be verified. Your text is kept: please send it again."
            ) from None
        if payload.get("film") != self.film.pk or payload.get("kind") != self.kind:
            raise forms.ValidationError("This form belongs to another page. Your text is kept: please send it again.")
        age = clock.now() - payload.get("at", 0)
        if age > MAX_TOKEN_AGE_SECONDS:
            raise forms.ValidationError("This form was open for over a day. Your text is kept: please send it again.")
        if age < MIN_FILL_SECONDS:
            raise forms.ValidationError("That was very fast. Take a moment to read it over, then send it again.")
        return self.submitted_token

    @property
    def heading(self):
        return self.heading_template.format(title=self.film.title)

    @property
    def introduction(self):
        return self.intro.format(title=self.film.title)

    @property
    def fragment_key(self):
        """A cache key for this form's markup while it is unbound; None when it must be rendered.

        It changes with the deploy, the film (title, slug) and anything a subclass adds.
        """
        if self.is_bound or getattr(self, "thanks_message", None):
            return None
        from cinemaone.page_cache import release

        parts = [release(), self.kind, self.film.pk, self.film.slug, self.film.title, *self.fragment_parts()]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def fragment_parts(self):
        return []

    @property
    def action_url(self):
        return reverse(f"submissions:{self.url_name}", kwargs={"slug": self.film.slug})

    def fingerprint_parts(self):
        """What makes two submissions the same: the kind, what it is about, and the case."""
        return [self.kind, self.instance.subject or "", self.cleaned_data["body"]]


class DefenseForm(SubmissionForm):
    kind = Submission.Kind.DEFENSE
    body_label = "Make the case"
    url_name = "defend"
    anchor = "defend"
    eyebrow = "Movie-page argument"
    heading_template = "Defend {title}."
    intro = (
        "Is there a scene, a performance, an ending or an idea that people sell short? Argue for it. "
        "The sharpest defenses can become part of the page's argument."
    )
    thanks = "Thank you: your defense is in the review queue."

    class Meta(SubmissionForm.Meta):
        fields = ["underrated", "body", "display_name", "email"]
        labels = {**SubmissionForm.Meta.labels, "underrated": "What do people underrate?"}
        widgets = {"underrated": forms.RadioSelect}

    def __init__(self, film, *args, **kwargs):
        super().__init__(film, *args, **kwargs)
        self.fields["underrated"].required = True
        self.fields["underrated"].choices = Submission.Underrated.choices


class ScenePickForm(SubmissionForm):
    kind = Submission.Kind.SCENE_PICK
    body_label = "Why this scene?"
    url_name = "scene_challenge"
    anchor = "scene-challenge"
    eyebrow = "Scene challenge"
    heading_template = "Pick the scene that proves it."
    intro = (
        "Every dossier turns on a few scenes that unlock the film. Name the moment that carries "
        "its pressure, its style, its argument or its pull on a rewatch."
    )
    thanks = "Thank you: your scene pick is in the review queue."

    scene = forms.ChoiceField(label="A scene from the shelf", required=False)

    class Meta(SubmissionForm.Meta):
        fields = ["scene_name", "carries", "body", "display_name", "email"]
        labels = {
            **SubmissionForm.Meta.labels,
            "scene_name": "…or name another scene",
            "carries": "What does it carry?",
        }
        help_texts = {**SubmissionForm.Meta.help_texts, "scene_name": "If the moment you mean is not on the shelf."}
        widgets = {"carries": forms.RadioSelect}

    field_order = ["scene", "scene_name", "carries", "body", "display_name", "email"]

    def __init__(self, film, *args, clips=None, **kwargs):
        super().__init__(film, *args, **kwargs)
        # The dossier passes the clips it already loaded, so the form costs no query there.
        self.clips = {str(clip.pk): clip for clip in (film.scene_clips.all() if clips is None else clips)}
        self.fields["scene"].choices = [("", "Choose a scene")] + [
            (pk, f"Scene {number}: {clip.title}") for number, (pk, clip) in enumerate(self.clips.items(), 1)
        ]
        if not self.clips:
            del self.fields["scene"]
            self.fields["scene_name"].label = "Which scene?"
        self.fields["carries"].required = True
        self.fields["carries"].choices = Submission.Carries.choices

    def fragment_parts(self):
        return list(self.fields["scene"].choices) if "scene" in self.fields else []

    def clean(self):
        cleaned = super().clean()
        clip = self.clips.get(cleaned.get("scene") or "")
        if clip is None and not cleaned.get("scene_name"):
            field = "scene" if "scene" in self.fields else "scene_name"
            self.add_error(field, "Pick a scene from the shelf or name one.")
        self.instance.scene_clip = clip
        if clip is not None:
            cleaned["scene_name"] = ""
        return cleaned


class NextPickForm(SubmissionForm):
    kind = Submission.Kind.NEXT_PICK
    body_label = "Why should it come next?"
    url_name = "next_pick"
    anchor = "next-pick"
    eyebrow = "Watch-next pathway"
    heading_template = "Suggest a better next pick"
    intro = "Know a film that should follow {title}? Tell us which pathway it belongs to and why."
    thanks = "Thank you: your next pick is in the review queue."

    class Meta(SubmissionForm.Meta):
        fields = ["suggested_title", "pathway", "body", "display_name", "email"]
        labels = {
            **SubmissionForm.Meta.labels,
            "suggested_title": "Which film?",
            "pathway": "Which pathway does it belong to?",
        }
        help_texts = {**SubmissionForm.Meta.help_texts, "suggested_title": "Any film, on Cinema One or not."}
        widgets = {"pathway": forms.RadioSelect}

    def __init__(self, film, *args, **kwargs):
        super().__init__(film, *args, **kwargs)
        self.fields["suggested_title"].required = True
        self.fields["pathway"].required = True
        self.fields["pathway"].choices = Submission.Pathway.choices

    def clean_suggested_title(self):
        title = self.cleaned_data["suggested_title"].strip()
        match = Film.objects.live().filter(title__iexact=title).exclude(pk=self.film.pk).order_by("-year").first()
        if match is None and title.casefold() == self.film.title.casefold():
            raise forms.ValidationError(f"Suggest a film to watch after {self.film.title}, not the film itself.")
        self.instance.suggested_film = match
        return match.title if match else title


FORMS_BY_KIND = {form.kind: form for form in (DefenseForm, ScenePickForm, NextPickForm)}
