from rest_framework import serializers

from leadiosa.api.serializers import ApiModelSerializer, ApiSerializer, StrictInputSerializer
from leadiosa.api.spec import constraints

from .locales import DEFAULT_LOCALE, normalize_locale
from .models import Article, Chunk
from .representation import article_representation

MAX_BODY_CHARS = 200_000


class SourceUrlField(serializers.CharField):
    """An `http(s)` link to where the article came from, checked by the very pattern the spec states
    (constraints.SOURCE_URL), as written: Django's URLValidator refuses some URLs the spec's `format: uri`
    admits (a host over 253 characters) and admits some that are not URIs, so the spec and the server
    would each take what the other refuses (found by the stateful fuzz run)."""

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not constraints.matches(constraints.SOURCE_URL, value):
            raise serializers.ValidationError("Enter an http or https URL (no spaces or control characters).")
        return value


class ArticleSerializer(ApiModelSerializer):
    """A knowledge-base article. `ingest_status` says whether its chunks are indexed yet;
    `ingest_error` (only when `failed`) says why not."""

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "body",
            "locale",
            "status",
            "source_url",
            "ingest_status",
            "ingest_error",
            "chunk_count",
            "created_at",
            "updated_at",
        ]
        optional_fields = ("source_url", "ingest_error")

    def to_representation(self, article) -> dict:
        return article_representation(article)


class ChunkSerializer(ApiModelSerializer):
    """A passage of an article, as indexed for search (`position` orders them)."""

    class Meta:
        model = Chunk
        fields = ["id", "article_id", "position", "text", "token_count"]


class SearchArticleSerializer(ApiSerializer):
    """The article a search result belongs to."""

    id = serializers.CharField()
    title = serializers.CharField()


class SearchHitSerializer(ApiSerializer):
    """A matching chunk with its article. `score`: the full-text rank (0–1), or the reciprocal-rank
    fusion score when vector search took part; higher is better."""

    id = serializers.CharField(source="chunk_id")
    article_id = serializers.CharField()
    article = serializers.SerializerMethodField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    token_count = serializers.IntegerField()
    score = serializers.FloatField()

    def get_article(self, hit) -> SearchArticleSerializer:
        return {"id": hit.article_id, "title": hit.article_title}


def _validate_locale(value: str) -> str:
    locale = normalize_locale(value)
    if locale is None:
        raise serializers.ValidationError("Expected a language tag such as 'en', 'fr' or 'pt-BR'.")
    return locale


def _validate_body(value: str) -> str:
    # Blank is refused here (the spec says so); a body with text but nothing to index (headings only,
    # a front-matter rule) is accepted and its ingestion fails with that reason (article_ingest).
    if not value.strip():
        raise serializers.ValidationError("The body has no text to index.")
    return value


class ArticleCreateSerializer(StrictInputSerializer):
    """A new article: Markdown or plain text; `locale` defaults to `en`, `status` to `published`."""

    title = serializers.CharField(max_length=300)
    body = serializers.CharField(max_length=MAX_BODY_CHARS, trim_whitespace=False)
    # Untrimmed: "en\n" is not a language tag (the spec's pattern says so too).
    locale = serializers.CharField(
        max_length=35, required=False, default=DEFAULT_LOCALE, trim_whitespace=False
    )
    status = serializers.ChoiceField(choices=Article.Status.choices, required=False, default="published")
    source_url = SourceUrlField(max_length=2000, required=False, allow_null=True, allow_blank=True)

    def validate_locale(self, value):
        return _validate_locale(value)

    def validate_body(self, value):
        return _validate_body(value)


class ArticleUpdateSerializer(StrictInputSerializer):
    """Changing `title`, `body` or `locale` re-ingests the article; `source_url: null` clears it."""

    title = serializers.CharField(max_length=300, required=False)
    body = serializers.CharField(max_length=MAX_BODY_CHARS, required=False, trim_whitespace=False)
    locale = serializers.CharField(max_length=35, required=False, trim_whitespace=False)
    status = serializers.ChoiceField(choices=Article.Status.choices, required=False)
    source_url = SourceUrlField(max_length=2000, required=False, allow_null=True, allow_blank=True)

    def validate_locale(self, value):
        return _validate_locale(value)

    def validate_body(self, value):
        return _validate_body(value)
