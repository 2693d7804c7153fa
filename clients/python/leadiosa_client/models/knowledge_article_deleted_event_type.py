from enum import StrEnum


class KnowledgeArticleDeletedEventType(StrEnum):
    KNOWLEDGE_ARTICLE_DELETED = "knowledge.article.deleted"

    def __str__(self) -> str:
        return str(self.value)
