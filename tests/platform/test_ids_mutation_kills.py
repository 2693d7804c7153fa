"""Tests written for the mutants of leadiosa/ids.py that survived the area's tests
(tests/mutation/run.sh ids; the list and the equivalent ones: tests/mutation/RESULTS.md).

Over HTTP: a new resource's id starts with its creation time (milliseconds, base 62) and its random
tail is uniform. The rest is what Django's migrations read from the field and its default (they are
built when the models load, before any request), and the id check the views use as a shortcut.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from leadiosa.ids import BASE62, IdFactory, PublicIdField, is_public_id

pytestmark = pytest.mark.django_db


def _decode(text: str) -> int:
    number = 0
    for char in text:
        number = number * 62 + BASE62.index(char)
    return number


def test_a_new_resources_id_starts_with_its_creation_time_in_milliseconds(agent):
    before = time.time_ns() // 1_000_000
    contact = agent.api.post("contacts", {"email": "clock@example.com"}).json()
    after = time.time_ns() // 1_000_000
    assert contact["id"].startswith("ct_")
    assert before <= _decode(contact["id"][3:11]) <= after


def test_the_random_tail_of_ids_uses_every_position(agent):
    # 14 random base-62 characters: the first of them is as random as the last (the number drawn is
    # wider than 62**14, never narrower).
    tails = [agent.api.post("contacts", {"email": f"t{i}@example.com"}).json()["id"][11:] for i in range(40)]
    assert all(len(tail) == 14 for tail in tails)
    assert len(Counter(tail[0] for tail in tails)) > 10
    assert len(Counter(tail[1] for tail in tails)) > 10


def test_a_public_id_is_its_prefix_and_22_base62_characters():
    good = "conv_" + "0" * 8 + "aZ" * 7
    assert is_public_id(good, "conv")
    assert not is_public_id(None, "conv") and not is_public_id(5, "conv")
    assert not is_public_id("msg_" + good[5:], "conv")  # another prefix
    assert not is_public_id("convX" + good[5:], "conv")  # no underscore after the prefix
    assert not is_public_id("conv_" + "!" * 22, "conv")  # the right length, not base 62
    assert not is_public_id(good + "0", "conv")  # one character too many


def test_the_id_field_is_a_generated_non_editable_primary_key_of_40_characters():
    field = PublicIdField("Public id", prefix="conv")
    assert field.prefix == "conv" and field.verbose_name == "Public id"
    assert field.primary_key is True and field.editable is False and field.max_length == 40
    generated = field.get_default()
    assert is_public_id(generated, "conv")
    # An explicit value still wins over each default.
    assert PublicIdField(prefix="conv", max_length=60, primary_key=False, editable=True).max_length == 60


def test_the_id_field_deconstructs_to_what_the_migrations_write():
    name, path, args, kwargs = PublicIdField(prefix="conv").deconstruct()
    assert path == "leadiosa.ids.PublicIdField" and args == []
    assert kwargs == {"prefix": "conv", "primary_key": True, "editable": False}
    rebuilt = PublicIdField(*args, **kwargs)
    assert (rebuilt.prefix, rebuilt.max_length, rebuilt.primary_key) == ("conv", 40, True)


def test_the_default_factory_is_serializable_and_compares_by_prefix():
    factory = IdFactory("msg")
    assert factory.prefix == "msg" and is_public_id(factory(), "msg")
    assert factory.deconstruct() == ("leadiosa.ids.IdFactory", ("msg",), {})
    assert factory == IdFactory("msg") and hash(factory) == hash(IdFactory("msg"))
    assert factory != IdFactory("conv") and factory != "msg"
    assert hash(factory) != hash(IdFactory("conv"))
