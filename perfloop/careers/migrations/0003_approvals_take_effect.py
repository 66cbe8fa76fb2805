"""An approval takes effect on its effective date: `applied_at` says when it did. Approvals decided
before this took effect at their decision."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def applied_when_decided(apps, schema_editor):
    apps.get_model("careers", "Dossier").objects.filter(decision="approved").update(applied_at=F("decided_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_figures_stamp"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="dossier", name="careers_one_open_dossier"),
        migrations.AddField(
            model_name="dossier",
            name="applied_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="took effect at"),
        ),
        migrations.RunPython(applied_when_decided, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="dossier",
            constraint=models.UniqueConstraint(
                condition=models.Q(("decision", ""))
                | models.Q(("applied_at__isnull", True), ("decision", "approved")),
                fields=("employee",),
                name="careers_one_open_dossier",
            ),
        ),
    ]
