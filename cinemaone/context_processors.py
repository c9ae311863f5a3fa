def canonical_url(request):
    """The page's own address without its query string: the canonical URL and og:url."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
