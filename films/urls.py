from django.urls import path

from films import views

app_name = "films"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/preview/", views.preview, name="preview"),
]
