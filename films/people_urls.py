from django.urls import path

from films import views

app_name = "people"

urlpatterns = [
    path("<slug:slug>/", views.person_detail, name="detail"),
]
