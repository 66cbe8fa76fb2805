from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0004_retention'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='employee',
            index=models.Index(condition=models.Q(('user__isnull', False)), fields=['user'], name='employee_account'),
        ),
        # The planner needs the new index's statistics beside the others' (see reviews 0008).
        migrations.RunSQL('ANALYZE "org_employee"', migrations.RunSQL.noop),
    ]
