"""Settings → Billing: AI tokens per day for the current and the previous billing period, as a server-side
SVG (no chart library, nothing fetched). The daily figures come from the `usage` the assistant records
on each of its messages; the period totals (and the 80 %/100 % marks) from apps.billing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import IntegerField, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, TruncDate

from apps.billing.models import UsagePeriod
from apps.conversations.models import Message

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass
class Day:
    day: date
    tokens: int
    cumulative: int


def _tokens_per_day(start: datetime, end: datetime) -> dict[date, int]:
    as_int = lambda key: Coalesce(Cast(KeyTextTransform(key, "usage"), IntegerField()), 0)  # noqa: E731
    rows = (
        Message.objects.filter(
            author_type="assistant", usage__isnull=False, created_at__gte=start, created_at__lt=end
        )
        .annotate(day=TruncDate("created_at", tzinfo=UTC))
        .values("day")
        .annotate(tokens=Sum(as_int("prompt_tokens") + as_int("completion_tokens")))
    )
    return {row["day"]: int(row["tokens"] or 0) for row in rows}


def _series(start: datetime, end: datetime, today: date | None = None) -> list[Day]:
    per_day = _tokens_per_day(start, end)
    days, total = [], 0
    current = start.astimezone(UTC).date()
    last = (end - timedelta(microseconds=1)).astimezone(UTC).date()
    while current <= last and (today is None or current <= today):
        total += per_day.get(current, 0)
        days.append(Day(current, per_day.get(current, 0), total))
        current += timedelta(days=1)
    return days


def usage_chart(period: UsagePeriod, now: datetime) -> dict:
    """The data and the SVG geometry of the chart (the template draws it)."""
    length = period.period_end - period.period_start
    previous = (
        UsagePeriod.objects.filter(period_end__lte=period.period_start).order_by("-period_start").first()
    )
    prev_start = previous.period_start if previous else period.period_start - length
    current = _series(period.period_start, period.period_end, today=now.astimezone(UTC).date())
    before = _series(prev_start, period.period_start)
    n_days = max(1, (period.period_end - period.period_start).days)
    included = period.ai_tokens_included
    peak = max([d.cumulative for d in current + before] + [included, 1])
    top = peak * 1.05

    def x(index: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * index / max(1, n_days - 1), 1)

    def y(value: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top), 1)

    def line(days: list[Day]) -> str:
        return " ".join(f"{x(i)},{y(d.cumulative)}" for i, d in enumerate(days))

    bar_width = max(1.0, (WIDTH - LEFT - RIGHT) / n_days * 0.6)
    bars = [
        {"x": round(x(i) - bar_width / 2, 1), "y": y(d.tokens), "h": round(y(0) - y(d.tokens), 1), "day": d}
        for i, d in enumerate(current)
        if d.tokens
    ]
    marks = [
        {"label": f"{pct} %", "value": included * pct // 100, "y": y(included * pct / 100)}
        for pct in (80, 100)
        if included
    ]
    ticks = [{"y": y(top * f), "value": int(top * f)} for f in (0, 0.5, 1)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": y(0),
        "current_line": line(current),
        "previous_line": line(before[:n_days]),
        "bars": bars,
        "bar_width": round(bar_width, 1),
        "marks": marks,
        "ticks": ticks,
        "current": current,
        "used_days": [d for d in reversed(current) if d.tokens],
        "previous_total": before[-1].cumulative if before else 0,
        "first_day": period.period_start,
        "last_day": period.period_end - timedelta(microseconds=1),
        "label_y": HEIGHT - 12,
    }
