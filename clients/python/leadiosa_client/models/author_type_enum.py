from enum import StrEnum


class AuthorTypeEnum(StrEnum):
    AGENT = "agent"
    ASSISTANT = "assistant"
    CONTACT = "contact"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
