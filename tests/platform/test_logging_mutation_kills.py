"""Kills for the mutants of leadiosa/logging.py (mutation, sixth batch): the JSON formatter's fields."""

import json
import logging
import sys

from leadiosa.logging import JsonFormatter


def _record(msg="hello %s", args=("world",), exc_info=None, **extra):
    record = logging.LogRecord("leadiosa.test", logging.WARNING, __file__, 1, msg, args, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_a_record_is_one_json_object_with_its_fields_and_extras():
    record = _record(request_id="r1", _private="hidden", count=3)
    record.created = 0.0
    line = JsonFormatter().format(record)
    assert "\n" not in line
    payload = json.loads(line)
    assert payload["level"] == "WARNING"
    assert payload["logger"] == "leadiosa.test"
    assert payload["message"] == "hello world"
    assert payload["request_id"] == "r1" and payload["count"] == 3
    assert "_private" not in payload
    assert "exception" not in payload
    assert set(payload) == {"time", "level", "logger", "message", "request_id", "count"}
    # The time as the formatter's own format, without milliseconds.
    assert payload["time"] == logging.Formatter().formatTime(record, "%Y-%m-%dT%H:%M:%S")
    assert len(payload["time"]) == 19 and payload["time"][10] == "T"


def test_an_extra_does_not_replace_a_field_of_the_line():
    payload = json.loads(JsonFormatter().format(_record(message_extra=1, level_x=2)))
    assert payload["message"] == "hello world"
    record = _record()
    record.logger = "spoofed"
    assert json.loads(JsonFormatter().format(record))["logger"] == "leadiosa.test"


def test_a_value_json_cannot_write_is_written_as_its_text():
    payload = json.loads(JsonFormatter().format(_record(thing={1, 2} and object.__new__(_Text))))
    assert payload["thing"] == "as text"


class _Text:
    def __str__(self):
        return "as text"


MESSAGE = "duplicate key\nDETAIL:  Key (email)=(ada@example.com) already exists.\nHINT: x"


def test_an_exception_is_logged_without_the_values_of_its_detail():
    try:
        raise ValueError(MESSAGE)
    except ValueError:
        exc_info = sys.exc_info()
    payload = json.loads(JsonFormatter().format(_record(exc_info=exc_info)))
    text = payload["exception"]
    assert "ada@example.com" not in text
    assert text.startswith("Traceback")
    assert text.endswith("ValueError: duplicate key\nDETAIL: (values not logged)\nHINT: x")
