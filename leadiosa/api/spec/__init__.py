"""The words of the public API reference, kept out of the views.

drf-spectacular builds the spec's skeleton from the views and serializers; `hook.postprocess` then
gives every operation its name, summary, description, examples, error codes and headers from the data
here (`operations`, `errors`, `events`, `schemas`), adds the tags, servers and the webhooks, and drops
whatever developer docstring the generator picked up. The docs pages (`leadiosa.docs`) read the same data.
"""
