"""How well the language coach does on a labelled set: per language and rule, precision, recall
and F1 over sentences (a sentence counts for a rule when any finding of that rule falls in it), and
the share of clean sentences flagged at all. The set is a TSV: language, rules (comma-separated,
"clean" for none), sentence; lines starting with # are comments."""

import statistics
import time
from dataclasses import dataclass, field

from perfloop.feedback import coach

RULES = ("absolute", "judgement", "vague")


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    counts: dict = field(default_factory=dict)  # (language, rule) -> Counts
    clean: dict = field(default_factory=dict)  # language -> [clean sentences, of them flagged]
    misses: list = field(default_factory=list)  # (language, expected, found, sentence)
    median_ms: float = 0.0

    def as_dict(self) -> dict:
        return {
            "rules": {
                f"{lang}/{rule}": {"precision": round(c.precision, 3), "recall": round(c.recall, 3),
                                   "f1": round(c.f1, 3), **c.__dict__}
                for (lang, rule), c in sorted(self.counts.items())
            },
            "clean_flagged": {lang: round(n[1] / n[0], 3) if n[0] else 0.0 for lang, n in sorted(self.clean.items())},
            "median_ms_per_sentence": round(self.median_ms, 3),
            "misses": [{"language": lang, "expected": sorted(e), "found": sorted(f), "sentence": s}
                       for lang, e, f, s in self.misses],
        }  # fmt: skip


def read(text: str) -> list[tuple[str, set, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, labels, sentence = line.split("\t", 2)
        rows.append((language, set() if labels == "clean" else set(labels.split(",")), sentence))
    return rows


def evaluate(rows: list[tuple[str, set, str]]) -> Evaluation:
    out = Evaluation()
    times = []
    for language, expected, sentence in rows:
        started = time.perf_counter()
        found = {f.rule for f in coach.check(sentence, language)}
        times.append((time.perf_counter() - started) * 1000)
        for rule in RULES:
            counts = out.counts.setdefault((language, rule), Counts())
            if rule in found and rule in expected:
                counts.true_positive += 1
            elif rule in found:
                counts.false_positive += 1
            elif rule in expected:
                counts.false_negative += 1
        if not expected:
            seen = out.clean.setdefault(language, [0, 0])
            seen[0] += 1
            seen[1] += bool(found)
        if found != expected:
            out.misses.append((language, expected, found, sentence))
    out.median_ms = statistics.median(times) if times else 0.0
    return out


def table(evaluation: Evaluation) -> str:
    lines = ["| language | rule | precision | recall | F1 |", "|---|---|---|---|---|"]
    for (language, rule), c in sorted(evaluation.counts.items()):
        lines.append(f"| {language} | {rule} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} |")
    for language, (clean, flagged) in sorted(evaluation.clean.items()):
        lines.append(f"| {language} | clean flagged | {flagged}/{clean} ({flagged / clean:.0%}) | | |")
    lines.append(f"\nmedian {evaluation.median_ms:.3f} ms per sentence")
    return "\n".join(lines)
