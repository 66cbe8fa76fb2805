"""The import record names what its rows belong to (any app's object), not a review cycle."""

import django.db.models.deletion
from django.db import migrations, models


def cycles_to_targets(apps, schema_editor):
    Import = apps.get_model("imports", "Import")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Import.objects.filter(cycle__isnull=False).exists():
        return
    cycle_type, _ = ContentType.objects.get_or_create(app_label="reviews", model="reviewcycle")
    Import.objects.filter(cycle__isnull=False).update(target_type=cycle_type, target_id=models.F("cycle_id"))


def targets_to_cycles(apps, schema_editor):
    Import = apps.get_model("imports", "Import")
    Import.objects.filter(target_type__app_label="reviews", target_type__model="reviewcycle").update(
        cycle_id=models.F("target_id")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="import",
            name="target_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="target"),
        ),
        migrations.AddField(
            model_name="import",
            name="target_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="contenttypes.contenttype",
                verbose_name="target type",
            ),
        ),
        migrations.RunPython(cycles_to_targets, targets_to_cycles),
        migrations.RemoveField(model_name="import", name="cycle"),
        migrations.AddIndex(
            model_name="import",
            index=models.Index(fields=["target_type", "target_id"], name="imports_imp_target__c0a63c_idx"),
        ),
    ]
