from enum import StrEnum


class KnowledgeArticleCreatedEventType(StrEnum):
    KNOWLEDGE_ARTICLE_CREATED = "knowledge.article.created"

    def __str__(self) -> str:
        return str(self.value)
