"""How public pages name what they show for the page cache (pagecache.tags)."""

from films.models import Film
from pagecache import tags


def public_page(response, shown):
    """`response`, tagged with what it shows. A page listing live films ends when the next
    scheduled dossier goes live (that dossier saves nothing when it does)."""
    return tags.tag_response(response, shown, valid_until=Film.objects.next_go_live_at)


def film_tags(films):
    return {tags.film(film.pk) for film in films}
