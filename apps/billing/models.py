from django.db import models


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
