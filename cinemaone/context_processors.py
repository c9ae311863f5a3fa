def canonical_url(request):
    """The page's own address for rel=canonical and og:url: no query string, except a page number."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    return {"canonical_url": url}
