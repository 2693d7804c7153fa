from django.urls import path

from .views import SubscriptionView

urlpatterns = [
    path("billing/subscription", SubscriptionView.as_view(), name="billing-subscription"),
]
