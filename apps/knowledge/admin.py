"""Knowledge in the support admin: an article's text and status change through `article_update` (the
API's PATCH: re-ingestion, events, the published flag reaching its chunks); chunks are read-only."""

from django import forms
from django.contrib import admin

from leadiosa.admin import WorkspaceScopedAdmin, staff_acting

from .models import Article, Chunk
from .services import WRITABLE, article_update


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = WRITABLE


@admin.register(Article)
class ArticleAdmin(WorkspaceScopedAdmin):
    form = ArticleForm
    writable = True
    list_display = (
        "id",
        "title",
        "workspace_column",
        "locale",
        "status",
        "ingest_status",
        "chunk_count",
        "created_at",
    )
    list_filter = ("status", "ingest_status", "locale")
    search_fields = ("=id", "=workspace__id", "title")
    readonly_fields = (
        "ingest_status",
        "ingest_error",
        "chunk_count",
        "embedding_model",
        "content_version",
        "ingested_at",
    )

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in WRITABLE}
        if changes:
            with staff_acting(request, obj.workspace_id):
                article_update(article=obj, changes=changes)


@admin.register(Chunk)
class ChunkAdmin(WorkspaceScopedAdmin):
    list_display = ("id", "article", "workspace_column", "position", "token_count", "search_config")
    list_select_related = ("article",)
    search_fields = ("=id", "=article__id", "=workspace__id")
    readonly_fields = ("article", "position", "text", "token_count", "search_config")
    exclude = ("search_vector", "title_vector", "embedding")
