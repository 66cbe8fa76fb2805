"""Tokens expire: those issued before expire 90 days after they were made (or in a week, when
that has passed already, so that no script stops without notice)."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def expire_old(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    soonest = timezone.now() + dt.timedelta(days=7)
    for token in ApiToken.objects.all():
        token.expires_at = max(token.created_at + dt.timedelta(days=90), soonest)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="label",
            field=models.CharField(blank=True, max_length=100, verbose_name="what it is for"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(expire_old, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]
