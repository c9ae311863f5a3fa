"""Which cached pages a change to editorial content touches (the tag names are pagecache.tags').

A page names every object it shows; a change names the objects whose pages it moves:
- a film's own pages and cards: `film-N`, always;
- the lists a film is on: `catalog` (catalog, search, feed, sitemap) whenever a public
  film changes, `home` when one joins the public list or its place there moves;
- pages listing the films of a theme, a person or a shelf (and the dossiers that count
  them: the pressure pick): their tags when a public film joins or leaves them, or goes
  public or private; and the dossiers of the films its directors made (their director
  lane counts it). A dossier names only the film, its answers, its themes and what it
  links to, so that a hit reads few tags: a change to a person or a genre empties the
  pages of their films instead (films.admin).
A film scheduled to go live counts as public here: the pages it will join are emptied
when it is scheduled, and then stored only until its go-live time (`valid_until`).
"""

from dataclasses import dataclass

from pagecache import tags
from editorial.models import Collection
from films.models import Credit, Film


@dataclass(frozen=True)
class FilmState:
    """What of a film decides which pages show it, and where."""

    pk: int
    listed: bool  # live or scheduled
    featured: bool
    published_at: object
    ordering: tuple  # what lists sort it by (title, year)
    themes: frozenset
    people: frozenset
    directors: frozenset
    collections: frozenset


def film_state(pk):
    """The film's state as stored now, or None if there is no such film."""
    film = Film.objects.filter(pk=pk).first()
    if film is None:
        return None
    return FilmState(
        pk=film.pk,
        listed=film.status == Film.Status.LIVE,
        featured=film.is_featured,
        published_at=film.published_at,
        ordering=(film.title, film.year),
        themes=frozenset(film.theme_links.values_list("tag_id", flat=True)),
        people=frozenset(film.credits.values_list("person_id", flat=True)),
        directors=frozenset(film.credits.filter(role=Credit.Role.DIRECTOR).values_list("person_id", flat=True)),
        collections=frozenset(film.collection_items.values_list("collection_id", flat=True)),
    )


def film_change_tags(before, after):
    """The tags of every page a change of a film from `before` to `after` (None: absent) moves."""
    state = after or before
    changed = {tags.film(state.pk)}
    was_listed, is_listed = bool(before and before.listed), bool(after and after.listed)
    if not (was_listed or is_listed):
        return changed  # a draft before and after: nothing public shows it
    changed.add(tags.CATALOG)
    related = {
        tags.theme: (before.themes if before else frozenset(), after.themes if after else frozenset()),
        tags.person: (before.people if before else frozenset(), after.people if after else frozenset()),
        tags.collection: (before.collections if before else frozenset(),
                          after.collections if after else frozenset()),
    }
    old_directors = before.directors if before else frozenset()
    new_directors = after.directors if after else frozenset()
    if was_listed != is_listed:  # published, scheduled, unpublished or deleted: it joins or leaves every list
        for name, (old, new) in related.items():
            changed |= {name(pk) for pk in old | new}
        if is_listed:
            changed.add(tags.HOME)
        return changed | films_directed_by(old_directors | new_directors)
    for name, (old, new) in related.items():  # edited while public: the lists it joined or left
        changed |= {name(pk) for pk in old ^ new}
    changed |= films_directed_by(old_directors ^ new_directors)
    if before.ordering != after.ordering:  # the newest film of a theme may be another now
        changed |= {tags.theme(pk) for pk in after.themes}
    if (before.featured, before.published_at) != (after.featured, after.published_at):
        changed.add(tags.HOME)
    return changed


def films_directed_by(people):
    """The pages of every film these people directed (their dossiers' director lane)."""
    if not people:
        return set()
    films = Credit.objects.filter(role=Credit.Role.DIRECTOR, person__in=people).values_list("film_id", flat=True)
    return {tags.film(pk) for pk in films}


def collection_tags(collection_pk, film_pks):
    """A shelf changed: its page, the home page's shelves, and the dossiers of its films
    (their shelf pathway and their coverage's "collection pathway live")."""
    return {tags.collection(collection_pk), tags.HOME, *(tags.film(pk) for pk in film_pks)}


def collection_films(collection_pk):
    return set(Collection.objects.filter(pk=collection_pk).values_list("items__film", flat=True)) - {None}


def dossier_tags(dossier):
    """What a dossier shows: the film and its answers, its themes (their names, and which of its
    themes is dominant), and every film and shelf it links to. (Its people and genres are the
    film's: a change to one empties its films' pages.)"""
    film = dossier.film
    shown = {
        tags.film(film.pk),
        tags.answers(film.pk),
        *(tags.theme(theme.pk) for theme in dossier.themes),
        *(tags.film(other.pk) for other in dossier.more_from_director),
    }
    for continuation in dossier.pathways:
        if continuation.film_pk:
            shown.add(tags.film(continuation.film_pk))
        if continuation.collection_pk:
            shown.add(tags.collection(continuation.collection_pk))
    return shown
