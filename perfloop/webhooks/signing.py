"""The signature a receiver checks: HMAC-SHA256, keyed with the webhook's secret, over the
timestamp, a dot and the body exactly as sent; hex, in `X-PerfLoop-Signature: sha256=<hex>`
beside `X-PerfLoop-Timestamp` (seconds). A receiver refuses an old timestamp to stop replays."""

import hashlib
import hmac


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def headers(secret: str, timestamp: int, body: bytes, *, event: str, delivery_id: int) -> dict:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "PerfLoop-Webhook/1",
        "X-PerfLoop-Event": event,
        "X-PerfLoop-Delivery": str(delivery_id),
        "X-PerfLoop-Timestamp": str(timestamp),
        "X-PerfLoop-Signature": f"sha256={signature(secret, timestamp, body)}",
    }
