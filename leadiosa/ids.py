"""Public ids: a type prefix and 22 base62 characters (`conv_3ZkQ…`).

The first 8 characters encode the creation time in milliseconds so that new rows land at the right
end of the primary-key index; the remaining 14 are random (~83 bits), so ids are neither sequential
nor guessable.
"""

import secrets
import time

from django.db import models

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_TIME_CHARS = 8
_RANDOM_CHARS = 14

PREFIXES = frozenset(
    {
        "ws",
        "usr",
        "mem",
        "tok",
        "conv",
        "msg",
        "note",
        "ct",
        "art",
        "chk",
        "wh",
        "evt",
        "dlv",
        "aud",
        "req",
        "inv",
    }
)


def base62(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, rem = divmod(number, 62)
        chars.append(BASE62[rem])
    return "".join(reversed(chars))


def new_id(prefix: str) -> str:
    assert prefix in PREFIXES, prefix
    millis = time.time_ns() // 1_000_000
    return f"{prefix}_{base62(millis, _TIME_CHARS)}{random_base62(_RANDOM_CHARS)}"


def random_base62(length: int) -> str:
    """`length` uniformly random base62 characters from the OS's CSPRNG."""
    # A random number 64 bits wider than 62**length, written in base 62 (its low `length` digits): the
    # modulo bias is below 2**-64, and one randbits call is much cheaper than `length` choice() calls.
    return base62(secrets.randbits(6 * length + 64), length)


def is_public_id(value: object, prefix: str) -> bool:
    if not isinstance(value, str) or not value.startswith(prefix + "_"):
        return False
    body = value[len(prefix) + 1 :]
    return len(body) == _TIME_CHARS + _RANDOM_CHARS and all(c in BASE62 for c in body)


class PublicIdField(models.CharField):
    """Primary key holding a prefixed public id, generated on creation."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("editable", False)
        kwargs["default"] = IdFactory(prefix)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("default", None)
        kwargs.pop("max_length", None)
        kwargs["prefix"] = self.prefix
        return name, path, args, kwargs


class IdFactory:
    """A picklable, migration-serializable default callable for PublicIdField."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self) -> str:
        return new_id(self.prefix)

    def deconstruct(self):
        return ("leadiosa.ids.IdFactory", (self.prefix,), {})

    def __eq__(self, other):
        return isinstance(other, IdFactory) and other.prefix == self.prefix

    def __hash__(self):
        return hash(self.prefix)
