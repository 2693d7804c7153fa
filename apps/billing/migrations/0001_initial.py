from django.db import migrations, models

DEFAULT_PLANS = [
    # id, name, price (cents/month), AI tokens included, rate limit per minute, seats, default
    ("free", "Free", 0, 50_000, 300, 2, False),
    ("team", "Team", 4900, 1_000_000, 300, 10, True),
    ("business", "Business", 19900, 10_000_000, 1200, 50, False),
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    for plan_id, name, price, tokens, rate, seats, default in DEFAULT_PLANS:
        Plan.objects.update_or_create(
            id=plan_id,
            defaults=dict(
                name=name,
                monthly_price_cents=price,
                ai_tokens_included=tokens,
                rate_limit_per_minute=rate,
                seats=seats,
                is_default=default,
            ),
        )


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Plan",
            fields=[
                ("id", models.SlugField(max_length=40, primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=100)),
                ("monthly_price_cents", models.PositiveIntegerField(default=0)),
                ("ai_tokens_included", models.PositiveBigIntegerField(default=0)),
                ("rate_limit_per_minute", models.PositiveIntegerField(default=300)),
                ("seats", models.PositiveIntegerField(default=3)),
                ("is_default", models.BooleanField(default=False)),
            ],
            options={"ordering": ["monthly_price_cents"]},
        ),
        migrations.RunPython(seed_plans, migrations.RunPython.noop),
    ]
