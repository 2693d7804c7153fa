from enum import StrEnum


class MessageCreateRequestAuthorType(StrEnum):
    AGENT = "agent"
    CONTACT = "contact"

    def __str__(self) -> str:
        return str(self.value)
