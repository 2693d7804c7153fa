from django.urls import path

from .views import WorkspaceDetailView

urlpatterns = [
    path("workspace", WorkspaceDetailView.as_view(), name="workspace"),
]
