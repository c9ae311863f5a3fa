from django.urls import path

from editorial import views

app_name = "collections"

urlpatterns = [
    path("<slug:slug>/", views.collection_detail, name="detail"),
]
