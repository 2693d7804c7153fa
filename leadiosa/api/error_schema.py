"""The error envelope as an OpenAPI component (imported by settings, so it imports nothing)."""

ERROR_COMPONENT = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "example": "conversation_not_found"},
                "message": {"type": "string"},
                "request_id": {"type": "string", "example": "req_a1b2c3"},
                "param": {"type": "string", "description": "The offending field, as a dotted path."},
            },
        }
    },
}
