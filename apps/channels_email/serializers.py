from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer


class EmailChannelSerializer(ApiSerializer):
    """The workspace's e-mail channel: forward mail for `address` to `inbound_url` (a raw RFC 5322 POST)."""

    address = serializers.EmailField(help_text="The workspace's inbound address; replies are sent from it.")
    inbound_url = serializers.URLField(
        help_text="POST each received message here, raw (Content-Type: message/rfc822); keep it secret."
    )
