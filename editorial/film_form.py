"""The film page's form: it refuses to save over changes another editor made since it was opened.

The form carries the film's `updated_at` as it was when the page was rendered (`opened_at`).
If the film has been saved since, the save is refused with what happened in between (the
film's history: who, when, what), the editor's own input kept on the page. The refused form
is marked as having seen the newest save, so sending it again replaces those changes on
purpose, never by accident.
"""

from django import forms
from django.utils.dateparse import parse_datetime
from reversion.models import Version

from editorial.publishing import when
from films.models import Film


class FilmForm(forms.ModelForm):
    opened_at = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Film
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_at"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        opened_at = parse_datetime(self.data.get("opened_at") or "")
        saved_at = Film.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
        if opened_at is not None and saved_at is not None and saved_at > opened_at:
            # Sending the form again overwrites, knowingly: it has now seen the newest save.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_at")] = saved_at.isoformat()
            raise forms.ValidationError(
                "Someone saved this film after you opened it: %(changes)s. Nothing of yours was saved, "
                "and everything you typed is still here. Compare with the film as it is now (open it in "
                "another tab), then save again to replace their changes with yours.",
                code="changed_since_opened",
                params={"changes": changes_since(self.instance.pk, opened_at)},
            )
        return cleaned


def changes_since(film_pk, moment):
    """'editor2 at 3 Dec 2026, 10:15: Changed Logline.' for each save of the film after `moment`."""
    versions = (
        Version.objects.get_for_object_reference(Film, film_pk)
        .filter(revision__date_created__gt=moment)
        .select_related("revision__user")
        .order_by("revision__date_created")
    )
    said = [
        f"{version.revision.user or 'someone'} at {when(version.revision.date_created)}: "
        f"{version.revision.get_comment() or 'saved'}"
        for version in versions
    ]
    return "; ".join(said) or "it was saved again"
