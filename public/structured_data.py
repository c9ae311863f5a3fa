"""schema.org descriptions of our pages (Movie, Person, ItemList), as plain dicts for {% json_ld %}."""

CONTEXT = "https://schema.org"


def _person(request, person):
    return {"@type": "Person", "name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())}


def movie(request, dossier):
    film = dossier.film
    data = {
        "@context": CONTEXT,
        "@type": "Movie",
        "name": film.title,
        "url": request.build_absolute_uri(film.get_absolute_url()),
        "director": [_person(request, credit.person) for credit in dossier.directors],
        "actor": [_person(request, credit.person) for credit in dossier.cast],
        "genre": [genre.name for genre in dossier.genres],
        "keywords": ", ".join(theme.name for theme in dossier.themes),
    }
    if film.logline:
        data["description"] = film.logline
    if film.year:
        data["dateCreated"] = str(film.year)
    if film.runtime_minutes:
        data["duration"] = f"PT{film.runtime_minutes}M"
    if film.certification:
        data["contentRating"] = film.certification
    if film.backdrop:
        data["image"] = request.build_absolute_uri(film.backdrop.url)
    return data


def person(request, person, films):
    data = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "subjectOf": [
            {"@type": "Movie", "name": film.title, "url": request.build_absolute_uri(film.get_absolute_url())}
            for film in films
        ],
    }
    if person.bio:
        data["description"] = person.bio
    if person.portrait:
        data["image"] = request.build_absolute_uri(person.portrait.url)
    return data


def item_list(request, collection, items):
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": collection.title,
        "description": collection.argument,
        "url": request.build_absolute_uri(collection.get_absolute_url()),
        "numberOfItems": len(items),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": request.build_absolute_uri(item.film.get_absolute_url()),
                "name": item.film.title,
            }
            for position, item in enumerate(items, start=1)
        ],
    }
