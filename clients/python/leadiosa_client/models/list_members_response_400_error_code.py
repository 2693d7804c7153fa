from enum import StrEnum


class ListMembersResponse400ErrorCode(StrEnum):
    INVALID_CURSOR = "invalid_cursor"
    INVALID_PARAMETER = "invalid_parameter"

    def __str__(self) -> str:
        return str(self.value)
