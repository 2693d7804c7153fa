from enum import StrEnum


class UpdateWidgetResponse400ErrorCode(StrEnum):
    INVALID_JSON = "invalid_json"
    INVALID_PARAMETER = "invalid_parameter"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)
