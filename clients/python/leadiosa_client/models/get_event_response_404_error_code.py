from enum import StrEnum


class GetEventResponse404ErrorCode(StrEnum):
    EVENT_NOT_FOUND = "event_not_found"

    def __str__(self) -> str:
        return str(self.value)
