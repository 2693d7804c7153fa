# The assistant's tests answer from a real knowledge base and talk to the same local OpenAI-compatible
# server as the knowledge tests: share their fixtures rather than copy them.
from tests.knowledge.conftest import (  # noqa: F401
    events,
    fake_openai,
    openai_assistant,
    openai_embeddings,
    openai_settings,
)
