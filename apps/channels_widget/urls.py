from django.urls import path

from .views import WidgetSecretView, WidgetView

urlpatterns = [
    path("widget", WidgetView.as_view(), name="widget"),
    path("widget/rotate-secret", WidgetSecretView.as_view(), name="widget-rotate-secret"),
]
