from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def _page_address(request, path):
    """`path` as an absolute address, keeping no query string but a page number."""
    url = request.build_absolute_uri(path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    return url


def canonical_url(request):
    """The page's own address for rel=canonical and og:url, and the same page in each language
    (`languages`: the switcher and the hreflang alternates)."""
    current = get_language()
    languages = [
        {"code": code, "name": name, "is_current": code == current,
         "url": _page_address(request, translate_url(request.path, code))}
        for code, name in settings.LANGUAGES
    ]
    return {"canonical_url": _page_address(request, request.path), "languages": languages,
            "default_language_url": next(language["url"] for language in languages
                                         if language["code"] == settings.LANGUAGE_CODE)}
