from enum import StrEnum


class CreateKnowledgeArticleResponse413ErrorCode(StrEnum):
    REQUEST_TOO_LARGE = "request_too_large"

    def __str__(self) -> str:
        return str(self.value)
