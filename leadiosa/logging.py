import json
import logging
import re

_RESERVED = set(vars(logging.makeLogRecord({})))

# PostgreSQL's DETAIL quotes the values a statement was refused for ("Key (email)=(ada@…) already
# exists", "Failing row contains (…)"): personal data that would outlive an erasure in the log.
_DETAIL = re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: the message plus whatever was passed in `extra`."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and key not in payload and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exception"] = _DETAIL.sub(
                r"\1 (values not logged)", self.formatException(record.exc_info)
            )
        return json.dumps(payload, default=str)
