"""Racing writes on real connections: each act runs in its own thread (so on its own database
connection), the acts released together by a barrier, or one after another when `in_turn`.
The objects an act works on are loaded before, as a page loads them before its user clicks."""

import threading

from django.db import connection


def race(*acts, in_turn: bool = False) -> list:
    """Run the acts at once; each one's return value, or the exception it raised."""
    barrier = threading.Barrier(len(acts))
    turns = [threading.Event() for _ in acts]
    turns[0].set()
    out: list = [None] * len(acts)

    def run(i, act):
        try:
            barrier.wait(timeout=10)
            if in_turn:
                turns[i].wait(timeout=30)
            out[i] = act()
        except Exception as error:  # the test reads what each act met
            out[i] = error
        finally:
            connection.close()
            if in_turn and i + 1 < len(turns):
                turns[i + 1].set()

    threads = [threading.Thread(target=run, args=(i, act)) for i, act in enumerate(acts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def refused(outcome, code: str = "") -> bool:
    """A service's refusal (409 in the API), not a crash."""
    from django.core.exceptions import ValidationError

    return isinstance(outcome, ValidationError) and (not code or getattr(outcome, "code", None) == code)
