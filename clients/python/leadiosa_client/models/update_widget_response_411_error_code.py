from enum import StrEnum


class UpdateWidgetResponse411ErrorCode(StrEnum):
    LENGTH_REQUIRED = "length_required"

    def __str__(self) -> str:
        return str(self.value)
