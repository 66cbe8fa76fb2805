"""Failed deliveries on the to-do list of HR and administrators: a message nobody received."""

from django.urls import reverse
from django.utils.translation import ngettext

from perfloop.home.registry import Todo, capped_count, shown_count
from perfloop.notify import log
from perfloop.notify.models import Delivery


def todos(user) -> list[Todo]:
    n = capped_count(log.visible(user).filter(status=Delivery.Status.FAILED))
    if not n:
        return []
    text = ngettext("%(n)s message could not be delivered", "%(n)s messages could not be delivered", n)
    return [
        Todo(
            "failed-deliveries", text % {"n": shown_count(n)}, f"{reverse('notify:deliveries')}?status=failed"
        )
    ]
