from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("channels_widget", "0002_widgetvisitor"),
    ]

    operations = [
        migrations.AddField(
            model_name="widgetsettings",
            name="identity_secret_encrypted",
            field=models.TextField(blank=True, null=True),
        ),
    ]
