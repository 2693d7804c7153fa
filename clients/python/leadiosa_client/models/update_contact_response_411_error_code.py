from enum import StrEnum


class UpdateContactResponse411ErrorCode(StrEnum):
    LENGTH_REQUIRED = "length_required"

    def __str__(self) -> str:
        return str(self.value)
