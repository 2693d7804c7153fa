"""The webhook-signature header is exactly the Standard Webhooks spec's, for one secret and during a
rotation (two secrets), checked against an HMAC computed here by hand and the spec's published example."""

import base64
import hashlib
import hmac

from apps.webhooks.secrets import generate_secret, sign


def _by_hand(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def test_the_signature_matches_the_specs_example():
    # The example of the Standard Webhooks reference libraries' own tests.
    header = sign(
        ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        '{"test": 2432232314}',
    )
    assert header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_one_secret_signs_id_timestamp_and_body_byte_for_byte():
    secret = generate_secret()
    body = '{"id":"evt_1","type":"webhook.test","data":{"object":{"name":"Zoë — ✓"}}}'
    assert sign([secret], "evt_1", 1_800_000_000, body) == _by_hand(secret, "evt_1", 1_800_000_000, body)


def test_during_a_rotation_each_secret_signs_in_order_space_separated():
    new, old = generate_secret(), generate_secret()
    header = sign([new, old], "evt_2", 1_800_000_001, "{}")
    assert (
        header
        == f"{_by_hand(new, 'evt_2', 1_800_000_001, '{}')} {_by_hand(old, 'evt_2', 1_800_000_001, '{}')}"
    )
