"""The three reader forms. Each carries a honeypot field that people never see and simple bots fill."""

from django import forms
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.models import Pathway
from films.models import Film
from films.text import refuse_control_characters
from submissions.models import Submission

BODY_MAX_LENGTH = 2000
BODY_MIN_LENGTH = 20


class TrapInput(forms.TextInput):
    """The honeypot's widget: it never shows a value back. A form refused because the trap was
    filled (a browser's autofill, say) comes back with the trap empty, so sending it again goes through."""

    def format_value(self, value):
        return None


class SubmissionForm(forms.ModelForm):
    """Shared fields and defences; subclasses add what their kind asks."""

    kind = None
    body_label = _("Make the case")
    # How the form presents itself on the dossier and on its own page.
    url_name = anchor = eyebrow = heading_template = intro = ""
    thanks = _("Thank you: a moderator will read it soon.")

    # Readers never see this field (it is hidden with CSS and from assistive
    # technology); simple bots fill every field they find.
    website = forms.CharField(required=False, label=_("Leave this field empty"), widget=TrapInput)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=BODY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        help_text=format_lazy(_("Between {minimum} and {maximum} characters."), minimum=BODY_MIN_LENGTH,
                              maximum=BODY_MAX_LENGTH),
    )

    class Meta:
        model = Submission
        fields = ["body", "display_name", "email"]
        labels = {"display_name": _("Display name (optional)"), "email": _("E-mail (optional, never shown)")}
        help_texts = {"email": _("Only if you want us to be able to reply. It is never published.")}

    def __init__(self, film, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.film = self.instance.film = film
        self.instance.kind = self.kind
        self.fields["body"].label = self.body_label
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(refuse_control_characters)

    def clean(self):
        cleaned = super().clean()
        # Said at the top of the form: the trap field itself is hidden from people.
        if cleaned.get("website"):
            self.add_error(None, gettext("A hidden anti-spam field was filled in (sometimes a browser's autofill "
                                         "does this). Nothing was sent; please send the form again."))
        return cleaned

    @property
    def heading(self):
        return str(self.heading_template).format(title=self.film.title)

    @property
    def introduction(self):
        return str(self.intro).format(title=self.film.title)

    @property
    def action_url(self):
        return reverse(f"submissions:{self.url_name}", kwargs={"slug": self.film.slug})

    def fingerprint_parts(self):
        """What makes two submissions the same: the kind, what it is about, and the case."""
        return [self.kind, self.instance.subject or "", self.cleaned_data["body"]]


class DefenseForm(SubmissionForm):
    kind = Submission.Kind.DEFENSE
    body_label = _("Make the case")
    url_name = "defend"
    anchor = "defend"
    eyebrow = _("Movie-page argument")
    heading_template = _("Defend {title}.")
    intro = _(
        "Is there a scene, a performance, an ending or an idea that people sell short? Argue for it. "
        "The sharpest defenses can become part of the page's argument."
    )
    thanks = _("Thank you: a moderator will read your defense soon.")

    class Meta(SubmissionForm.Meta):
        fields = ["underrated", "body", "display_name", "email"]
        labels = {**SubmissionForm.Meta.labels, "underrated": _("What do people underrate?")}
        widgets = {"underrated": forms.RadioSelect}

    def __init__(self, film, *args, **kwargs):
        super().__init__(film, *args, **kwargs)
        self.fields["underrated"].required = True
        self.fields["underrated"].choices = Submission.Underrated.choices


class ScenePickForm(SubmissionForm):
    kind = Submission.Kind.SCENE_PICK
    body_label = _("Why this scene?")
    url_name = "scene_challenge"
    anchor = "scene-challenge"
    eyebrow = _("Scene challenge")
    heading_template = _("Pick the scene that proves it.")
    intro = _(
        "Every dossier turns on a few scenes that unlock the film. Name the moment that carries "
        "its pressure, its style, its argument or its pull on a rewatch."
    )
    thanks = _("Thank you: a moderator will read your scene pick soon.")

    scene = forms.ChoiceField(label=_("A scene from the shelf"), required=False)

    class Meta(SubmissionForm.Meta):
        fields = ["scene_name", "carries", "body", "display_name", "email"]
        labels = {
            **SubmissionForm.Meta.labels,
            "scene_name": _("…or name another scene"),
            "carries": _("What does it carry?"),
        }
        help_texts = {**SubmissionForm.Meta.help_texts, "scene_name": _("If the moment you mean is not on the shelf.")}
        widgets = {"carries": forms.RadioSelect}

    field_order = ["scene", "scene_name", "carries", "body", "display_name", "email"]

    def __init__(self, film, *args, clips=None, **kwargs):
        super().__init__(film, *args, **kwargs)
        # The dossier passes the clips it already loaded, so the form costs no query there.
        self.clips = {str(clip.pk): clip for clip in (film.scene_clips.all() if clips is None else clips)}
        self.fields["scene"].choices = [("", gettext("Choose a scene"))] + [
            (pk, gettext("Scene %(number)s: %(title)s") % {"number": number, "title": clip.title})
            for number, (pk, clip) in enumerate(self.clips.items(), 1)
        ]
        if not self.clips:
            del self.fields["scene"]
            self.fields["scene_name"].label = gettext("Which scene?")
        self.fields["carries"].required = True
        self.fields["carries"].choices = Submission.Carries.choices

    def clean(self):
        cleaned = super().clean()
        clip = self.clips.get(cleaned.get("scene") or "")
        if clip is None and not cleaned.get("scene_name"):
            field = "scene" if "scene" in self.fields else "scene_name"
            self.add_error(field, gettext("Pick a scene from the shelf or name one."))
        self.instance.scene_clip = clip
        if clip is not None:
            cleaned["scene_name"] = ""
        return cleaned


class NextPickForm(SubmissionForm):
    kind = Submission.Kind.NEXT_PICK
    body_label = _("Why should it come next?")
    url_name = "next_pick"
    anchor = "next-pick"
    eyebrow = _("Watch-next pathway")
    heading_template = _("Suggest a better next pick")
    intro = _("Know a film that should follow {title}? Tell us which pathway it belongs to and why.")
    thanks = _("Thank you: a moderator will read your next pick soon.")

    class Meta(SubmissionForm.Meta):
        fields = ["suggested_title", "pathway", "body", "display_name", "email"]
        labels = {
            **SubmissionForm.Meta.labels,
            "suggested_title": _("Which film?"),
            "pathway": _("Which pathway does it belong to?"),
        }
        help_texts = {**SubmissionForm.Meta.help_texts, "suggested_title": _("Any film, on Cinema One or not.")}
        widgets = {"pathway": forms.RadioSelect}

    def __init__(self, film, *args, **kwargs):
        super().__init__(film, *args, **kwargs)
        self.fields["suggested_title"].required = True
        self.fields["pathway"].required = True
        self.fields["pathway"].choices = Pathway.choices

    def clean_suggested_title(self):
        title = self.cleaned_data["suggested_title"].strip()
        match = Film.objects.live().filter(title__iexact=title).exclude(pk=self.film.pk).order_by("-year").first()
        if match is None and title.casefold() == self.film.title.casefold():
            raise forms.ValidationError(
                gettext("Suggest a film to watch after %(title)s, not the film itself.") % {"title": self.film.title}
            )
        self.instance.suggested_film = match
        return match.title if match else title


FORMS_BY_KIND = {form.kind: form for form in (DefenseForm, ScenePickForm, NextPickForm)}
