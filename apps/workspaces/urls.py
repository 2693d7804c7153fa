from django.urls import path

from .lifecycle_views import (
    ArchiveDownloadView,
    ArchiveRequestView,
    ArchiveStatusView,
    WorkspaceCloseView,
    WorkspaceRestoreView,
)
from .views import WorkspaceDetailView

urlpatterns = [
    path("workspace", WorkspaceDetailView.as_view(), name="workspace"),
    path("workspace/archive-status", ArchiveStatusView.as_view(), name="workspace-archive-status"),
    path("workspace/archive", ArchiveRequestView.as_view(), name="workspace-archive"),
    path("workspace/archive/download", ArchiveDownloadView.as_view(), name="workspace-archive-download"),
    path("workspace/close", WorkspaceCloseView.as_view(), name="workspace-close"),
    path("workspace/restore", WorkspaceRestoreView.as_view(), name="workspace-restore"),
]
