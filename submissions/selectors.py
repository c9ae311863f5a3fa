"""What the public pages show of reader submissions: approved answers only (`Submission.objects.public()`)."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from films.models import SceneClip
from films.translation import with_translations
from pagecache import tags
from submissions.models import Submission

# How many approved reader answers of each kind a dossier shows, featured first, then newest.
ANSWERS_SHOWN = {
    Submission.Kind.DEFENSE: 12,
    Submission.Kind.SCENE_PICK: 6,
    Submission.Kind.NEXT_PICK: 6,
}
NEWEST_FEATURED_FIRST = [F("is_featured").desc(), F("created_at").desc(), F("pk").desc()]
# What a published answer shows: never the reader's e-mail or hashed address.
ANSWER_SHOWN = ["film", "kind", "state", "is_featured", "body", "underrated", "scene_clip", "scene_name", "carries",
                "suggested_film", "suggested_title", "pathway", "display_name", "created_at",
                *with_translations("scene_clip__title"), "suggested_film__title", "suggested_film__slug", "suggested_film__status",
                "suggested_film__go_live_at"]


def clips_with_approved_picks():
    """Scene clips, each with `approved_picks`: how many approved scene picks name it."""
    approved = (
        Submission.objects.public().filter(scene_clip=OuterRef("pk"))
        .order_by().values("scene_clip").annotate(total=Count("pk")).values("total")
    )
    return SceneClip.objects.annotate(
        approved_picks=Coalesce(Subquery(approved, output_field=IntegerField()), Value(0))
    )


class ShownAnswers(list):
    """The answers of one kind a dossier shows; `has_more` when others are approved (the
    "see all" page lists them)."""

    has_more = False


def approved_answers(film):
    """{kind: ShownAnswers}: each kind's approved answers the page shows, featured first, then newest."""
    # The ranking reads only columns of submission_answers_idx (an index-only scan, however many
    # answers the film has); the full rows are fetched for the few it keeps, and one more of a
    # kind, which says there are more to see.
    ranked = (
        Submission.objects.public().filter(film=film)
        .annotate(rank=Window(RowNumber(), partition_by=[F("kind")], order_by=NEWEST_FEATURED_FIRST))
        .filter(rank__lte=max(ANSWERS_SHOWN.values()) + 1)
        .values("pk")
    )
    answers = {kind: ShownAnswers() for kind in ANSWERS_SHOWN}
    for answer in shown_answers(Submission.objects.filter(pk__in=ranked)):
        shown = answers[answer.kind]
        if len(shown) < ANSWERS_SHOWN[answer.kind]:
            shown.append(answer)
        else:
            shown.has_more = True
    return answers


def shown_answers(submissions):
    """What a page shows of these submissions, featured first, then newest, by kind."""
    return (
        submissions.select_related("scene_clip", "suggested_film")
        .only(*ANSWER_SHOWN)
        .order_by("kind", *NEWEST_FEATURED_FIRST)
    )


def all_approved_answers(film, kind):
    """Every approved answer of `kind` about `film`, as the "see all" page lists them."""
    return shown_answers(Submission.objects.public().filter(film=film, kind=kind))


def answer_tags(answers):
    """The films the answers link to, for the page cache."""
    return {tags.film(answer.suggested_film_id) for kind in answers.values() for answer in kind
            if answer.suggested_film_id}
