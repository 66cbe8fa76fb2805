"""URL-walk declarations of the notifications: everyone signed in has their own inbox."""

from perfloop.notify.models import ChatRobot, Delivery, Notification
from tests.access.walk_roles import ADMIN, HR_OR_ADMIN, SIGNED_IN, UPLOADER_OR_ADMIN

DECLARED = {
    "notify:inbox": ("get", SIGNED_IN),
    "notify:open": ("post", SIGNED_IN),  # one's own only; another's id leads back to the inbox
    "notify:read_all": ("post", SIGNED_IN),
    "notify:settings": ("get", SIGNED_IN),
    "api:notifications": ("get", SIGNED_IN),
    "api:notifications_read": ("post", SIGNED_IN),
    "api:notifications_read_all": ("post", SIGNED_IN),
    "notify:deliveries": ("get", HR_OR_ADMIN),  # those to people in scope; all for administrators
    "api:deliveries": ("get", HR_OR_ADMIN),
    "notify:resend": ("post", UPLOADER_OR_ADMIN),  # a failed e-mail to the target
    "api:delivery_resend": ("post", UPLOADER_OR_ADMIN),
    "notify:robots": ("get", HR_OR_ADMIN),
    "notify:rules": ("get", HR_OR_ADMIN),
    "api:notification_rules": ("get", HR_OR_ADMIN),
    "api:notification_rules_change": ("patch", ADMIN),  # and company-wide HR (none in the walk)
    "api:robots": ("get", HR_OR_ADMIN),
    "api:robot_add": ("post", ADMIN),  # for the whole organisation (HR for their departments: tests/notify)
    "api:robot_test": ("post", ADMIN),  # the whole organisation's robot
    "api:robot_remove": ("delete", ADMIN),  # read by HR; changed by administrators and the whole org's HR
    # The whole organisation's robot: administrators (and company-wide HR) only.
    "notify:robot_test": ("post", ADMIN),
    "notify:robot_remove": ("post", ADMIN),
    # The task queue's records (django-tasks-db) are the worker's: the admin shows them, never adds
    # or deletes one by hand.
    "admin:django_tasks_database_dbtaskresult_add": ("get", set()),
    "admin:django_tasks_database_dbtaskresult_delete": ("get", set()),
}
ABOUT_TARGET = {"notify:resend", "api:delivery_resend"}
PAYLOAD = {
    "api:notifications_read": {"ids": [1, 2]},
    "api:notifications_read_all": {},
    "api:delivery_resend": {},
    "api:notification_rules_change": {"rules": [{"event": "feedback.held", "who": ["hr"], "channels": []}]},
    "api:robot_add": {"kind": "wecom", "name": "全公司群", "webhook": "http://127.0.0.1:9/wecom?key=k"},
    "api:robot_test": {},
}


def arguments(org) -> dict:
    note = Notification.objects.create(
        recipient=org.user("employee"),
        event="plans.submitted",
        key="walk",
        params={"title": "计划", "name": "刘洋"},
    )
    failed = Delivery.objects.create(
        notification=note, channel="email", status="failed", tries=1, last_error="550"
    )
    robot = ChatRobot.objects.create(
        kind="wecom", name="研发群", webhook="http://127.0.0.1:9/wecom?key=k", department=None,
        created_by=org.user("admin"),
    )  # fmt: skip
    doomed = ChatRobot.objects.create(
        kind="feishu",
        name="旧群",
        webhook="http://127.0.0.1:9/feishu",
        department=None,
        created_by=org.user("admin"),
    )
    tested = ChatRobot.objects.create(
        kind="wecom",
        name="测试群",
        webhook="http://127.0.0.1:9/wecom?key=t",
        department=None,
        created_by=org.user("admin"),
    )
    return {
        "api:robot_test": {"robot_id": tested.pk},
        "api:robot_remove": {"robot_id": doomed.pk},
        "notify:robot_test": {"pk": robot.pk},
        "notify:robot_remove": {"pk": robot.pk},
        "notify:open": {"pk": note.pk},
        "notify:resend": {"pk": failed.pk},
        "api:delivery_resend": {"delivery_id": failed.pk},
    }
