"""Article locales and the PostgreSQL text-search configuration each one is indexed with."""

from __future__ import annotations

import re

DEFAULT_LOCALE = "en"
FALLBACK_CONFIG = "simple"

# ISO 639-1 language → a text-search configuration shipped with PostgreSQL (stemming + stop words).
# Any other language is indexed with `simple` (lower-cased words, no stemming): still searchable.
LANGUAGE_CONFIGS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
SEARCH_CONFIGS = frozenset(LANGUAGE_CONFIGS.values()) | {FALLBACK_CONFIG}

# The spec says the same (leadiosa/api/spec/constraints.py); fullmatch: no trailing newline slips through.
_LOCALE_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def normalize_locale(value: str) -> str | None:
    """`en`, `pt-BR`, `zh_Hant_TW` → canonical BCP 47 casing (`pt-BR`, `zh-Hant-TW`); None if malformed."""
    if not isinstance(value, str) or not _LOCALE_RE.fullmatch(value) or len(value) > 35:
        return None
    parts = value.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())  # region
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())  # script
        else:
            out.append(part.lower())
    return "-".join(out)


def language_of(locale: str) -> str:
    return locale.split("-", 1)[0].lower()


def search_config_for(locale: str) -> str:
    """The text-search configuration for a locale: `fr-CA` → `french`, `ja` → `simple`."""
    return LANGUAGE_CONFIGS.get(language_of(locale), FALLBACK_CONFIG)
