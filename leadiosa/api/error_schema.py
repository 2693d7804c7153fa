"""The error envelope as an OpenAPI component (imported by settings, so it imports nothing)."""

ERROR_COMPONENT = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "description": "What went wrong.",
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "type": "string",
                    "example": "conversation_not_found",
                    "description": "Stable and machine-readable: branch on it.",
                },
                "message": {
                    "type": "string",
                    "description": "A human-readable explanation in English; its wording may change, so do not "
                    "parse it.",
                },
                "request_id": {
                    "type": "string",
                    "example": "req_a1b2c3",
                    "description": "This request's id (`req_…`, also the `X-Request-Id` header): quote it when "
                    "reporting a problem. Omitted only when the failure happened before an id was assigned.",
                },
                "param": {
                    "type": "string",
                    "description": "The offending field or query parameter, as a dotted path (e.g. "
                    "`contact.email`, `events.2`); omitted when no single one is to blame.",
                },
            },
        }
    },
}
