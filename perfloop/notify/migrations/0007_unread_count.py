"""Each person's unread count, kept by triggers on the notifications in the same transaction as a
notification is made, read, made unread again or deleted, and filled from the rows there are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SQLITE = [
    """CREATE TRIGGER notify_unread_made AFTER INSERT ON notify_notification WHEN NEW.read_at IS NULL BEGIN
        INSERT OR IGNORE INTO notify_unread (user_id, count) VALUES (NEW.recipient_id, 0);
        UPDATE notify_unread SET count = count + 1 WHERE user_id = NEW.recipient_id;
    END""",
    """CREATE TRIGGER notify_unread_read AFTER UPDATE OF read_at ON notify_notification
    WHEN OLD.read_at IS NULL AND NEW.read_at IS NOT NULL BEGIN
        UPDATE notify_unread SET count = count - 1 WHERE user_id = NEW.recipient_id;
    END""",
    """CREATE TRIGGER notify_unread_unread AFTER UPDATE OF read_at ON notify_notification
    WHEN OLD.read_at IS NOT NULL AND NEW.read_at IS NULL BEGIN
        INSERT OR IGNORE INTO notify_unread (user_id, count) VALUES (NEW.recipient_id, 0);
        UPDATE notify_unread SET count = count + 1 WHERE user_id = NEW.recipient_id;
    END""",
    """CREATE TRIGGER notify_unread_deleted AFTER DELETE ON notify_notification WHEN OLD.read_at IS NULL BEGIN
        UPDATE notify_unread SET count = count - 1 WHERE user_id = OLD.recipient_id;
    END""",
]
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION notify_count_unread() RETURNS trigger AS $$
    DECLARE
        change integer := 0;
        who bigint;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            IF NEW.read_at IS NULL THEN change := 1; END IF;
            who := NEW.recipient_id;
        ELSIF TG_OP = 'DELETE' THEN
            IF OLD.read_at IS NULL THEN change := -1; END IF;
            who := OLD.recipient_id;
        ELSE
            IF OLD.read_at IS NULL AND NEW.read_at IS NOT NULL THEN change := -1;
            ELSIF OLD.read_at IS NOT NULL AND NEW.read_at IS NULL THEN change := 1; END IF;
            who := NEW.recipient_id;
        END IF;
        IF change <> 0 THEN
            INSERT INTO notify_unread (user_id, count) VALUES (who, change)
            ON CONFLICT (user_id) DO UPDATE SET count = notify_unread.count + change;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER notify_unread AFTER INSERT OR DELETE OR UPDATE OF read_at ON notify_notification
    FOR EACH ROW EXECUTE FUNCTION notify_count_unread()""",
]
FILL = """INSERT INTO notify_unread (user_id, count)
SELECT recipient_id, COUNT(*) FROM notify_notification WHERE read_at IS NULL GROUP BY recipient_id"""


def triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement)
    schema_editor.execute(FILL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS notify_unread ON notify_notification")
        schema_editor.execute("DROP FUNCTION IF EXISTS notify_count_unread()")
    elif schema_editor.connection.vendor == "sqlite":
        for name in ("made", "read", "unread", "deleted"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS notify_unread_{name}")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("notify", "0006_personal_events_off_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="Unread",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="+",
                        serialize=False, to=settings.AUTH_USER_MODEL,
                    ),
                ),  # fmt: skip
                ("count", models.IntegerField(default=0)),
            ],
            options={"verbose_name": "unread count", "verbose_name_plural": "unread counts"},
        ),
        migrations.RunPython(triggers, drop),
    ]
