from enum import StrEnum


class GetMemberResponse404ErrorCode(StrEnum):
    MEMBER_NOT_FOUND = "member_not_found"

    def __str__(self) -> str:
        return str(self.value)
