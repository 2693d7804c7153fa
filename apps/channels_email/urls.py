from django.urls import path

from .views import EmailChannelView

urlpatterns = [
    path("email", EmailChannelView.as_view(), name="email-channel"),
]
