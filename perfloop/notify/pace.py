"""Keeping each group robot under its service's rate (20 messages a minute for WeCom and DingTalk)
across every worker process: the times of the last sends to a webhook are one row, and a worker
takes the next free slot by a conditional UPDATE on the row's version (no lock is held while it
waits). A slot is free when fewer than `per_minute` sends fall in the minute before it."""

import hashlib
import time

from django.db import IntegrityError, transaction

from perfloop.notify.models import RobotPace

WINDOW = 60.0
# The service counts a message when it arrives, a little after its slot began: a slot opens this
# long after the one it replaces is a minute old.
MARGIN = 1.0
ATTEMPTS = 100  # workers racing for the same row; each lost race means another worker took a slot


def reserve(webhook: str, per_minute: int, clock=time.time) -> float:
    """Take the next slot for this webhook; returns the seconds to wait before sending in it."""
    now = clock()
    return take(webhook, per_minute, clock=lambda: now) - now


def take(webhook: str, per_minute: int, clock=time.time) -> float:
    """Take the next slot for this webhook; returns when it begins (seconds since the epoch)."""
    key = hashlib.sha256(webhook.encode()).hexdigest()
    for _attempt in range(ATTEMPTS):
        now = clock()
        row = RobotPace.objects.filter(key=key).values_list("times", "version").first()
        if row is None:
            try:
                with transaction.atomic():  # a savepoint, should the caller be in a transaction
                    RobotPace.objects.create(key=key, times=[now], version=1)
            except IntegrityError:  # another worker made it first: race for a slot in it
                continue
            return now
        times, version = row
        recent = sorted(t for t in times if t > now - WINDOW)[-per_minute:]
        slot = now if len(recent) < per_minute else max(now, recent[0] + WINDOW + MARGIN)
        taken = RobotPace.objects.filter(key=key, version=version).update(
            times=[*recent, slot][-per_minute:], version=version + 1
        )
        if taken:
            return slot
    raise RuntimeError(f"no free slot taken after {ATTEMPTS} attempts")


def wait(webhook: str, per_minute: int) -> None:
    time.sleep(reserve(webhook, per_minute))
