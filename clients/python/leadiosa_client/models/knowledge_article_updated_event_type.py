from enum import StrEnum


class KnowledgeArticleUpdatedEventType(StrEnum):
    KNOWLEDGE_ARTICLE_UPDATED = "knowledge.article.updated"

    def __str__(self) -> str:
        return str(self.value)
