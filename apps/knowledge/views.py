from __future__ import annotations

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from leadiosa.api.cursors import decode_cursor, encode_cursor, invalid_cursor
from leadiosa.api.errors import ApiError
from leadiosa.api.pagination import parse_limit
from leadiosa.api.views import WorkspaceAPIView, WorkspaceViewSet
from leadiosa.tenancy import current_workspace_id

from . import services
from .locales import normalize_locale
from .models import Article, Chunk
from .search import search
from .serializers import (
    ArticleCreateSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
    ChunkSerializer,
    SearchHitSerializer,
)

MAX_QUERY_CHARS = 1000


def _invalid(param: str, message: str) -> ApiError:
    return ApiError(400, "invalid_parameter", message, param=param)


def _locale_param(request) -> str | None:
    raw = request.query_params.get("locale")
    if raw is None or raw == "":
        return None
    locale = normalize_locale(raw)
    if locale is None:
        raise _invalid("locale", "locale must be a language tag such as 'en', 'fr' or 'pt-BR'.")
    return locale


# One component for every list's pagination object (two inline serializers of one name would clash).
_PAGINATION = inline_serializer(
    name="Pagination",
    fields={
        "has_more": serializers.BooleanField(help_text="Whether another page follows."),
        "next_cursor": serializers.CharField(
            required=False, help_text="Pass as `after` for the next page; omitted on the last page."
        ),
    },
)


def _paginated(item):
    return inline_serializer(
        name=f"{item.__name__.removesuffix('Serializer')}List",
        fields={
            "data": item(many=True, help_text="This page's items, in the list's order."),
            "pagination": _PAGINATION,
        },
    )


class ArticleViewSet(WorkspaceViewSet):
    """Knowledge-base articles: agents read, admins write."""

    read_role = "agent"
    write_role = "admin"
    not_found_code = "article_not_found"
    resource_label = "Article"
    serializer_class = ArticleSerializer

    def scoped_queryset(self):
        return Article.objects.all()

    @extend_schema(
        tags=["knowledge"],
        operation_id="knowledge_articles_list",
        parameters=[
            OpenApiParameter("status", str, enum=["draft", "published"]),
            OpenApiParameter(
                "locale", str, description="A language (`fr`: fr, fr-CA, …) or an exact locale."
            ),
            OpenApiParameter("ingest_status", str, enum=["pending", "ready", "failed"]),
        ],
        responses=ArticleSerializer(many=True),
    )
    def list(self, request):
        queryset = self.scoped_queryset()
        for name, choices in (
            ("status", Article.Status.values),
            ("ingest_status", Article.IngestStatus.values),
        ):
            value = request.query_params.get(name)
            if value:
                if value not in choices:
                    raise _invalid(name, f"{name} must be one of: {', '.join(choices)}.")
                queryset = queryset.filter(**{name: value})
        locale = _locale_param(request)
        if locale:
            if "-" in locale:
                queryset = queryset.filter(locale=locale)
            else:
                queryset = queryset.filter(Q(locale=locale) | Q(locale__startswith=f"{locale}-"))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ArticleSerializer(page, many=True).data)

    @extend_schema(
        tags=["knowledge"],
        operation_id="knowledge_articles_create",
        request=ArticleCreateSerializer,
        responses={201: ArticleSerializer},
    )
    def create(self, request):
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = services.article_create(**serializer.validated_data)
        return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["knowledge"], operation_id="knowledge_articles_retrieve", responses=ArticleSerializer
    )
    def retrieve(self, request, pk=None):
        return Response(ArticleSerializer(self.get_object()).data)

    @extend_schema(
        tags=["knowledge"],
        operation_id="knowledge_articles_update",
        request=ArticleUpdateSerializer,
        responses=ArticleSerializer,
    )
    def partial_update(self, request, pk=None):
        article = self.get_object()
        serializer = ArticleUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = services.article_update(article=article, changes=dict(serializer.validated_data))
        return Response(ArticleSerializer(article).data)

    @extend_schema(tags=["knowledge"], operation_id="knowledge_articles_destroy", responses={204: None})
    def destroy(self, request, pk=None):
        services.article_delete(article=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=["knowledge"],
        operation_id="knowledge_articles_chunks",
        parameters=[
            OpenApiParameter("limit", int, description="1–100, default 25."),
            OpenApiParameter("after", str, description="`next_cursor` of the previous page."),
        ],
        responses=_paginated(ChunkSerializer),
    )
    @action(detail=True, methods=["get"], url_path="chunks")
    def chunks(self, request, pk=None):
        """The article's chunks in order (by `position`), keyset-paginated."""
        article = self.get_object()
        limit = parse_limit(request)
        queryset = Chunk.objects.filter(article_id=article.id).order_by("position")
        after = request.query_params.get("after")
        if after:
            queryset = queryset.filter(position__gt=self._decode_position(after, article.id))
        rows = list(queryset.only("id", "article_id", "position", "text", "token_count")[: limit + 1])
        has_more = len(rows) > limit
        rows = rows[:limit]
        pagination = {"has_more": has_more}
        if has_more:
            pagination["next_cursor"] = self._encode_position(rows[-1].position, article.id)
        return Response({"data": ChunkSerializer(rows, many=True).data, "pagination": pagination})

    @extend_schema(
        tags=["knowledge"],
        operation_id="knowledge_articles_ingest",
        request=None,
        responses={202: ArticleSerializer},
    )
    @action(detail=True, methods=["post"], url_path="ingest")
    def ingest(self, request, pk=None):
        """Queue the article's ingestion again (the manual ingest path)."""
        article = services.article_reingest(article=self.get_object())
        return Response(ArticleSerializer(article).data, status=status.HTTP_202_ACCEPTED)

    @staticmethod
    def _encode_position(position: int, article_id: str) -> str:
        return encode_cursor(["chunks", article_id, current_workspace_id(), position])

    @staticmethod
    def _decode_position(cursor: str, article_id: str) -> int:
        payload = decode_cursor(cursor)
        if payload[:3] != ["chunks", article_id, current_workspace_id()] or len(payload) != 4:
            raise invalid_cursor()
        position = payload[3]
        if not isinstance(position, int):
            raise invalid_cursor()
        return position


class SearchView(WorkspaceAPIView):
    """Ranked chunks of published articles: full text, fused with vectors when embeddings exist."""

    read_role = "agent"

    @extend_schema(
        tags=["knowledge"],
        operation_id="knowledge_search",
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, required=True, description="What to look for (≤ 1000 chars)."
            ),
            OpenApiParameter("limit", OpenApiTypes.INT, description="1–100, default 25."),
            OpenApiParameter(
                "locale", OpenApiTypes.STR, description="Only articles in this language/locale."
            ),
        ],
        responses=inline_serializer(
            name="KnowledgeSearchResults",
            fields={"data": SearchHitSerializer(many=True, help_text="The matching chunks, best first.")},
        ),
    )
    def get(self, request):
        query = (request.query_params.get("q") or "").strip()
        if not query:
            raise _invalid("q", "q is required.")
        if len(query) > MAX_QUERY_CHARS:
            raise _invalid("q", f"q must be at most {MAX_QUERY_CHARS} characters.")
        limit = parse_limit(request)
        locale = _locale_param(request)
        result = search(workspace_id=current_workspace_id(), query=query, limit=limit, locale=locale)
        return Response({"data": SearchHitSerializer(result.hits, many=True).data})
