from enum import StrEnum


class CreateContactResponse411ErrorCode(StrEnum):
    LENGTH_REQUIRED = "length_required"

    def __str__(self) -> str:
        return str(self.value)
