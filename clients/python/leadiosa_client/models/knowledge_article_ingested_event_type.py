from enum import StrEnum


class KnowledgeArticleIngestedEventType(StrEnum):
    KNOWLEDGE_ARTICLE_INGESTED = "knowledge.article.ingested"

    def __str__(self) -> str:
        return str(self.value)
