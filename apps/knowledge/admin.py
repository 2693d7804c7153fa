from django.contrib import admin
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from leadiosa.admin import WorkspaceScopedAdmin

from .models import Article, Chunk
from .search import forget_profile
from .services import REINGEST_FIELDS


@admin.register(Article)
class ArticleAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "knowledge.article"
    list_display = (
        "id",
        "title",
        "workspace",
        "locale",
        "status",
        "ingest_status",
        "chunk_count",
        "created_at",
    )
    list_filter = ("status", "ingest_status", "locale")
    search_fields = ("=id", "=workspace__id", "title")
    list_select_related = ("workspace",)
    readonly_fields = (
        "ingest_status",
        "ingest_error",
        "chunk_count",
        "embedding_model",
        "content_version",
        "ingested_at",
    )

    def has_add_permission(self, request):
        return False  # articles are written through the API (admins of the workspace) or the import

    def save_model(self, request, obj, form, change):
        """Like the API's PATCH: the text re-ingests, the status reaches the chunks at once."""
        reingest = bool(REINGEST_FIELDS.intersection(form.changed_data))
        obj.updated_at = timezone.now()
        if reingest:
            obj.ingest_status = Article.IngestStatus.PENDING
            obj.ingest_error = ""
            obj.content_version = F("content_version") + 1
        super().save_model(request, obj, form, change)
        obj.refresh_from_db(fields=["content_version"])
        if "status" in form.changed_data:
            Chunk.all_workspaces.filter(article_id=obj.id).update(
                published=obj.status == Article.Status.PUBLISHED
            )
        forget_profile(obj.workspace_id)
        if reingest:
            from .tasks import ingest_article

            workspace_id, article_id, version = obj.workspace_id, obj.id, obj.content_version
            transaction.on_commit(
                lambda: ingest_article.delay(workspace_id, article_id, version), robust=True
            )


@admin.register(Chunk)
class ChunkAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "knowledge.chunk"
    list_display = ("id", "article", "workspace", "position", "token_count", "search_config")
    list_select_related = ("article", "workspace")
    search_fields = ("=id", "=article__id", "=workspace__id")
    readonly_fields = ("article", "position", "text", "token_count", "search_config")
    exclude = ("search_vector", "title_vector", "embedding")

    def has_add_permission(self, request):
        return False  # chunks come from ingestion only

    def has_change_permission(self, request, obj=None):
        return False
