from django.db import models
from django.utils import timezone

from leadiosa.tenancy import TenantModel


class Plan(models.Model):
    """A price list entry. The id is a stable slug (`team`) that workspaces and the API refer to."""

    id = models.SlugField(primary_key=True, max_length=40)
    name = models.CharField(max_length=100)
    monthly_price_cents = models.PositiveIntegerField(default=0)
    ai_tokens_included = models.PositiveBigIntegerField(default=0)
    rate_limit_per_minute = models.PositiveIntegerField(default=300)
    seats = models.PositiveIntegerField(default=3)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["monthly_price_cents"]

    def __str__(self) -> str:
        return self.name


class Subscription(TenantModel):
    """A workspace's subscription: one per workspace. Its plan is `workspace.plan` (one source of truth:
    the rate limiter reads it from there through the token cache).

    Periods are counted from `anchor_at` (monthly or yearly), so a period always starts on the same day
    of the month whatever day the roll-over task runs.
    """

    class Status(models.TextChoices):
        TRIALING = "trialing"
        ACTIVE = "active"
        PAST_DUE = "past_due"
        CANCELED = "canceled"

    class Cycle(models.TextChoices):
        MONTHLY = "monthly"
        YEARLY = "yearly"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    billing_cycle = models.CharField(max_length=10, choices=Cycle.choices, default=Cycle.MONTHLY)
    anchor_at = models.DateTimeField()
    current_period_start = models.DateTimeField()
    current_period_end = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace"], name="subscription_one_per_workspace")]
        indexes = [models.Index(fields=["current_period_end"], name="subscription_period_end")]

    def __str__(self) -> str:
        return f"{self.workspace_id} ({self.status}, {self.billing_cycle})"


class UsagePeriod(TenantModel):
    """AI token usage of one billing period. Past periods are kept as history."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    ai_tokens_included = models.PositiveBigIntegerField(default=0)
    ai_tokens_used = models.PositiveBigIntegerField(default=0)
    prompt_tokens = models.PositiveBigIntegerField(default=0)
    completion_tokens = models.PositiveBigIntegerField(default=0)
    # Set exactly once per period, by the increment that crossed the threshold.
    threshold_80_reached_at = models.DateTimeField(null=True, blank=True)
    threshold_100_reached_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "period_start"], name="usage_period_unique_start")
        ]
        indexes = [models.Index(fields=["workspace", "period_end"], name="usage_period_ws_end")]

    @property
    def ai_tokens_remaining(self) -> int:
        return max(0, self.ai_tokens_included - self.ai_tokens_used)

    def __str__(self) -> str:
        return f"{self.workspace_id} {self.period_start:%Y-%m-%d}: {self.ai_tokens_used}/{self.ai_tokens_included}"


class ModelUsage(TenantModel):
    """Per-model breakdown of a period's AI tokens."""

    period = models.ForeignKey(UsagePeriod, on_delete=models.CASCADE, related_name="model_usage")
    model = models.CharField(max_length=200)
    prompt_tokens = models.PositiveBigIntegerField(default=0)
    completion_tokens = models.PositiveBigIntegerField(default=0)
    calls = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "model"], name="model_usage_unique")]
        indexes = [models.Index(fields=["workspace", "period"], name="model_usage_ws_period")]

    def __str__(self) -> str:
        return f"{self.model}: {self.prompt_tokens}+{self.completion_tokens}"
