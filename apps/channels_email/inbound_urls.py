from django.urls import path

from .views import inbound_email

urlpatterns = [
    path("email/<str:token>", inbound_email, name="inbound-email"),
]
