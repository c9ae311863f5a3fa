from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from films import views as film_views

admin.site.site_header = "Cinema One"
admin.site.site_title = "Cinema One admin"
admin.site.index_title = "Dossiers, people and the review queue"

urlpatterns = [
    path("", film_views.home, name="home"),
    path("films/", include("films.urls")),
    path("people/", include("films.people_urls")),
    path("themes/", include("films.theme_urls")),
    path("collections/", include("editorial.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
