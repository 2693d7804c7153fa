from enum import StrEnum


class GetKnowledgeArticleResponse404ErrorCode(StrEnum):
    ARTICLE_NOT_FOUND = "article_not_found"

    def __str__(self) -> str:
        return str(self.value)
