from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from pgvector.django import HnswIndex, VectorField

from leadiosa.ids import PublicIdField
from leadiosa.tenancy import TenantModel

# The width of the embedding column. HNSW needs a fixed width; embeddings from a model with fewer
# dimensions are zero-padded (cosine distance is unchanged by padding), wider ones are refused.
EMBEDDING_DIMENSIONS = 1536


class Article(TenantModel):
    """A knowledge-base article; its body is searched and quoted through its chunks."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        PUBLISHED = "published"

    class IngestStatus(models.TextChoices):
        PENDING = "pending"
        READY = "ready"
        FAILED = "failed"

    id = PublicIdField(prefix="art")
    title = models.CharField(max_length=300)
    body = models.TextField()
    locale = models.CharField(max_length=35, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    source_url = models.URLField(max_length=2000, blank=True)
    ingest_status = models.CharField(
        max_length=10, choices=IngestStatus.choices, default=IngestStatus.PENDING
    )
    ingest_error = models.CharField(max_length=500, blank=True)
    chunk_count = models.PositiveIntegerField(default=0)
    # The embedding model of its chunks' vectors ("" when they have none); only chunks embedded by the
    # model that embeds the query take part in vector search.
    embedding_model = models.CharField(max_length=200, blank=True)
    # Bumped by every change that needs a new ingestion (title, body, locale, a manual re-ingest): a
    # task only commits its chunks if the article is still at the version it read.
    content_version = models.PositiveIntegerField(default=1)
    ingested_at = models.DateTimeField(null=True, blank=True)
    # When its ingestion was last queued: a pending article queued long ago lost its task (broker down at
    # commit, worker killed) and the beat sweeper queues it again (apps/knowledge/sweepers.py).
    ingest_queued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "created_at", "id"], name="kb_article_ws_created"),
            models.Index(fields=["workspace", "source_url"], name="kb_article_ws_source"),
            models.Index(
                fields=["ingest_queued_at"],
                name="kb_article_pending_queued",
                condition=models.Q(ingest_status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Chunk(TenantModel):
    """A bounded passage of an article, indexed for full-text search and, optionally, by embedding."""

    id = PublicIdField(prefix="chk")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="chunks")
    position = models.PositiveIntegerField()
    text = models.TextField()
    token_count = models.PositiveIntegerField()
    # The text-search configuration (`english`, `french`, … `simple`) the vector was built with.
    search_config = models.CharField(max_length=20)
    # Copies of the article's status and locale, so a search filters chunks without a join before it
    # has picked its candidates (kept in step by the services).
    published = models.BooleanField(default=True)
    locale = models.CharField(max_length=35, default="en")
    search_vector = SearchVectorField()
    # The article's title alone: the first place a search looks for candidates (see search.py).
    title_vector = SearchVectorField(null=True)
    embedding = VectorField(dimensions=EMBEDDING_DIMENSIONS, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "article", "position"], name="kb_chunk_position"),
        ]
        indexes = [
            # workspace first (btree_gin), so a search only walks its own workspace's postings.
            GinIndex(fields=["workspace", "search_vector"], name="kb_chunk_fts"),
            GinIndex(fields=["workspace", "title_vector"], name="kb_chunk_title_fts"),
            HnswIndex(
                name="kb_chunk_embedding",
                fields=["embedding"],
                opclasses=["vector_cosine_ops"],
                m=16,
                ef_construction=64,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}#{self.position}"
