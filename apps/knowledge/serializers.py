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
        # The API's words for the model's fields (what the representation omits, and when), kept here
        # rather than as model help_text: they describe the API's shape, and need no migration.
        extra_kwargs = {
            "id": {"help_text": "The article's id (`art_…`)."},
            "title": {"help_text": "The title, at most 300 characters."},
            "body": {"help_text": "The content, Markdown or plain text (at most 200 000 characters)."},
            "locale": {
                "help_text": "Its language tag (BCP 47, e.g. `en`, `pt-BR`): chooses the full-text search "
                "language. Default `en`."
            },
            "status": {
                "help_text": "`published` (searched, used by the assistant) or `draft` (neither). Default "
                "`published`."
            },
            "source_url": {
                "help_text": "Where the article came from (an http(s) URL); omitted when not set."
            },
            "ingest_status": {
                "help_text": "Indexing of the current title and body: `pending` (queued or running), `ready` "
                "(its chunks are searchable) or `failed` (see `ingest_error`)."
            },
            "ingest_error": {
                "help_text": "Why the last ingestion failed (at most 500 characters); present only when "
                "`ingest_status` is `failed`."
            },
            "chunk_count": {
                "help_text": "How many chunks the article is indexed as; 0 until the first ingestion."
            },
            "created_at": {"help_text": "When the article was created (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`)."},
            "updated_at": {"help_text": "When any of its fields last changed (UTC)."},
        }

    def to_representation(self, article) -> dict:
        return article_representation(article)


class ChunkSerializer(ApiModelSerializer):
    """A passage of an article, as indexed for search (`position` orders them)."""

    class Meta:
        model = Chunk
        fields = ["id", "article_id", "position", "text", "token_count"]
        extra_kwargs = {
            "id": {
                "help_text": "The chunk's id (`chk_…`); chunks are replaced, with new ids, on re-ingestion."
            },
            "article_id": {"help_text": "The article it is a part of (`art_…`)."},
            "position": {"help_text": "Its place in the article, from 0."},
            "text": {"help_text": "The passage, as indexed and quoted by the assistant."},
            "token_count": {"help_text": "Its length in model tokens (approximate)."},
        }


class SearchArticleSerializer(ApiSerializer):
    """The article a search result belongs to."""

    id = serializers.CharField(help_text="The article's id (`art_…`).")
    title = serializers.CharField(help_text="The article's title.")


class SearchHitSerializer(ApiSerializer):
    """A matching chunk with its article. `score`: the full-text rank (0–1), or the reciprocal-rank
    fusion score when vector search took part; higher is better."""

    id = serializers.CharField(source="chunk_id", help_text="The matching chunk's id (`chk_…`).")
    article_id = serializers.CharField(help_text="The article it comes from (`art_…`).")
    article = serializers.SerializerMethodField(help_text="The article it comes from: its id and title.")
    position = serializers.IntegerField(help_text="The chunk's place in its article, from 0.")
    text = serializers.CharField(help_text="The chunk's text.")
    token_count = serializers.IntegerField(help_text="Its length in model tokens (approximate).")
    score = serializers.FloatField(
        help_text="Relevance, higher is better: the full-text rank (0–1), or the reciprocal-rank fusion "
        "score when vector search took part. Compare scores within one answer only."
    )

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

    title = serializers.CharField(max_length=300, help_text="The title, 1–300 characters.")
    body = serializers.CharField(
        max_length=MAX_BODY_CHARS,
        trim_whitespace=False,
        help_text="The content, Markdown or plain text, at most 200 000 characters and not blank.",
    )
    # Untrimmed: "en\n" is not a language tag (the spec's pattern says so too).
    locale = serializers.CharField(
        max_length=35,
        required=False,
        default=DEFAULT_LOCALE,
        trim_whitespace=False,
        help_text="A language tag such as `en`, `fr` or `pt-BR` (stored normalised); default `en`.",
    )
    status = serializers.ChoiceField(
        choices=Article.Status.choices,
        required=False,
        default="published",
        help_text="`published` (searched and used by the assistant once ingested) or `draft`.",
    )
    source_url = SourceUrlField(
        max_length=2000,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Where the article came from: an http(s) URL of at most 2000 characters; null or empty "
        "means none.",
    )

    def validate_locale(self, value):
        return _validate_locale(value)

    def validate_body(self, value):
        return _validate_body(value)


class ArticleUpdateSerializer(StrictInputSerializer):
    """Changing `title`, `body` or `locale` re-ingests the article; `source_url: null` clears it."""

    title = serializers.CharField(
        max_length=300, required=False, help_text="The new title, 1–300 characters; queues ingestion again."
    )
    body = serializers.CharField(
        max_length=MAX_BODY_CHARS,
        required=False,
        trim_whitespace=False,
        help_text="The new content (Markdown or plain text, at most 200 000 characters, not blank); queues "
        "ingestion again.",
    )
    locale = serializers.CharField(
        max_length=35,
        required=False,
        trim_whitespace=False,
        help_text="The new language tag (e.g. `en`, `pt-BR`); queues ingestion again.",
    )
    status = serializers.ChoiceField(
        choices=Article.Status.choices, required=False, help_text="`published` or `draft`."
    )
    source_url = SourceUrlField(
        max_length=2000,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="The new http(s) URL of its source (at most 2000 characters); null or empty removes it.",
    )

    def validate_locale(self, value):
        return _validate_locale(value)

    def validate_body(self, value):
        return _validate_body(value)
