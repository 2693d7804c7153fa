from django.urls import path

from .views import WidgetView

urlpatterns = [
    path("widget", WidgetView.as_view(), name="widget"),
]
