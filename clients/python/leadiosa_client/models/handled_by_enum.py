from enum import StrEnum


class HandledByEnum(StrEnum):
    ASSISTANT = "assistant"
    HUMAN = "human"

    def __str__(self) -> str:
        return str(self.value)
