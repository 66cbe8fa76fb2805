from django.db import migrations, models

# A plain ADD COLUMN on both databases: Django's own AddField rebuilds the table on SQLite, which
# drops the table's triggers (the rights stamp's, access/0003) and copies every row.
ADD = "ALTER TABLE org_employee ADD COLUMN spelling varchar(255) DEFAULT '' NOT NULL"
DROP = "ALTER TABLE org_employee DROP COLUMN spelling"


def spell_existing(apps, schema_editor):
    from perfloop.org.spelling import spelling_of

    Employee = apps.get_model("org", "Employee")
    batch = []
    for employee in Employee.objects.only("id", "name").iterator(chunk_size=2000):
        employee.spelling = spelling_of(employee.name)
        batch.append(employee)
        if len(batch) == 2000:
            Employee.objects.bulk_update(batch, ["spelling"])
            batch = []
    Employee.objects.bulk_update(batch, ["spelling"])


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0005_employee_account'),
        ('access', '0003_rights_stamp'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, DROP)],
            state_operations=[
                migrations.AddField(
                    model_name='employee',
                    name='spelling',
                    field=models.CharField(blank=True, default='', editable=False, max_length=255, verbose_name='spelling'),
                ),
            ],
        ),
        migrations.RunPython(spell_existing, migrations.RunPython.noop),
    ]
