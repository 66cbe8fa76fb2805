"""The language coach's speed and its figures on the labelled set, appended to benchmarks/results.md.

    .venv/bin/python benchmarks/coach.py

Per language and rule: precision, recall and F1 on perfloop/feedback/coach_data/labelled.tsv (the
same as `manage.py coach --evaluate`); the median time per sentence over the set, and over a
record of 2,000 characters (the longest a box takes).
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, setup_on  # noqa: E402


def main() -> None:
    setup_on(str(ROOT / "benchmarks" / "load.sqlite3"))  # settings only: the coach reads no data
    from perfloop.feedback import coach, coach_evaluation

    rows = coach_evaluation.read(
        (Path(coach.__file__).parent / "coach_data" / "labelled.tsv").read_text("utf-8")
    )
    found = coach_evaluation.evaluate(rows)
    figures = Figures()
    for (language, rule), c in sorted(found.counts.items()):
        figures.record(
            f"{language} {rule}: precision / recall / F1", f"{c.precision:.2f} / {c.recall:.2f} / {c.f1:.2f}"
        )
    for language, (clean, flagged) in sorted(found.clean.items()):
        figures.record(f"{language} clean sentences flagged", f"{flagged}/{clean}")
    samples = []
    for _round in range(20):
        for language, _labels, sentence in rows:
            started = time.perf_counter()
            coach.check(sentence, language)
            samples.append((time.perf_counter() - started) * 1000)
    figures.record(
        f"median ms per sentence ({len(rows)} sentences × 20)", round(statistics.median(samples), 4)
    )
    record = "".join(sentence for _l, _b, sentence in rows)[:2000]
    long = []
    for _round in range(50):
        started = time.perf_counter()
        coach.check(record)
        long.append((time.perf_counter() - started) * 1000)
    figures.record("median ms for a 2,000-character record", round(statistics.median(long), 3))
    figures.append_to_results("Language coach", "`.venv/bin/python benchmarks/coach.py`")


if __name__ == "__main__":
    main()
