"""Deprecated endpoints and parameters: the X-API-Deprecation header, and who still uses them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from leadiosa.models import DeprecatedUsage

DOCS_BASE = "https://leadiosa.com/docs/api/deprecations"


@dataclass(frozen=True)
class Deprecation:
    feature: str  # e.g. "GET /api/v1/legacy" or "GET /api/v1/conversations?sort"
    sunset: date
    link: str = DOCS_BASE

    def header(self) -> str:
        return f'version="v1"; sunset="{self.sunset.isoformat()}"; link="{self.link}"'


def mark(request, deprecation: Deprecation) -> None:
    """Say this request used a deprecated feature; the base view adds the header and records the use."""
    used = getattr(request, "_deprecations", None)
    if used is None:
        used = []
        request._deprecations = used
    used.append(deprecation)


def record_use(workspace_id: str, deprecation: Deprecation) -> None:
    """Count a use. The row is written at most once a minute per workspace and feature."""
    feature_key = hashlib.sha256(deprecation.feature.encode()).hexdigest()[:16]
    if not cache.add(f"deprecated-use:{workspace_id}:{feature_key}", 1, 60):
        return
    now = timezone.now()
    updated = (
        DeprecatedUsage.objects.for_workspace(workspace_id)
        .filter(feature=deprecation.feature)
        .update(last_used_at=now, use_count=F("use_count") + 1, sunset=deprecation.sunset)
    )
    if not updated:
        DeprecatedUsage.objects.for_workspace(workspace_id).get_or_create(
            workspace_id=workspace_id,
            feature=deprecation.feature,
            defaults={
                "sunset": deprecation.sunset,
                "first_used_at": now,
                "last_used_at": now,
                "use_count": 1,
            },
        )
