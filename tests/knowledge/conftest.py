import pytest

from .fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def openai_settings(settings, fake_openai):
    """Point the `openai` provider at the local fake server, with short timeouts and no back-off."""
    settings.OPENAI_BASE_URL = fake_openai.base_url
    settings.OPENAI_API_KEY = "sk-test-key"
    settings.OPENAI_MODEL = "gpt-test"
    settings.OPENAI_EMBEDDING_MODEL = "embed-test"
    settings.OPENAI_TIMEOUT_SECONDS = 0.5
    settings.OPENAI_CONNECT_TIMEOUT_SECONDS = 0.5
    settings.OPENAI_MAX_RETRIES = 2
    settings.OPENAI_RETRY_BACKOFF_SECONDS = 0
    return settings


@pytest.fixture
def openai_assistant(openai_settings):
    openai_settings.ASSISTANT_PROVIDER = "openai"
    return openai_settings


@pytest.fixture
def openai_embeddings(openai_settings):
    openai_settings.KNOWLEDGE_EMBEDDING_PROVIDER = "openai"
    return openai_settings


@pytest.fixture
def events():
    """Every event emitted during the test, in order (a sink registered for the test only)."""
    from leadiosa import events as events_module

    seen = []
    events_module.register_sink(seen.append)
    yield seen
    events_module.unregister_sink(seen.append)
