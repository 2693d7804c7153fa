from enum import StrEnum


class ListConversationsHandledBy(StrEnum):
    ASSISTANT = "assistant"
    HUMAN = "human"

    def __str__(self) -> str:
        return str(self.value)
