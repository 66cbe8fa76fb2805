"""Events about one person no longer go to group robots by default. The organisation's own rules
stored before kept the robot channel ticked only because it was the default then: it is turned
off, and an organisation that wants it turns it on again after the warning."""

from django.db import migrations


def off_groups(apps, schema_editor):
    apps.get_model("notify", "EventRule").objects.filter(chat=True).update(chat=False)


class Migration(migrations.Migration):
    dependencies = [("notify", "0005_rules_and_pace")]
    operations = [migrations.RunPython(off_groups, migrations.RunPython.noop)]
