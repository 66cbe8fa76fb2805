"""Who may import whom: the arrows between apps that the layout promises (docs/architecture.md)."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent / "perfloop"


def imported(folder: str, leave_out: str = "") -> set[str]:
    """Every perfloop module imported from the folder's code (migrations aside)."""
    found = set()
    for path in (ROOT / folder).rglob("*.py"):
        if "migrations" in path.parts or (leave_out and leave_out in path.relative_to(ROOT).as_posix()):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("perfloop."):
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("perfloop."))
    return found


# The stages of the loop, which the shared apps never name.
STAGES = ("perfloop.reviews", "perfloop.feedback", "perfloop.plans", "perfloop.insights", "perfloop.rounds")


@pytest.mark.parametrize(
    "folder, leave_out, never",
    [
        # Notifications deliver what the apps declare: no stage is named in them.
        ("notify", "", STAGES),
        # Reviews collected online plug into the review stage, which never names them.
        ("reviews", "", ("perfloop.rounds",)),
        # The plan knows nothing of its tracking wing or of what is learnt from it; they plug in.
        ("plans", "plans/tracking", ("perfloop.plans.tracking", "perfloop.insights")),
        ("plans/tracking", "", ("perfloop.insights",)),
        # The access core imports no app's models but the organisation's.
        ("access", "", STAGES),
    ],
)
def test_no_arrow_the_layout_forbids(folder, leave_out, never):
    wrong = sorted(name for name in imported(folder, leave_out) if name.startswith(never))
    assert wrong == []


def test_only_the_plan_stage_changes_a_plans_status():
    """Closure and outcome call plans.lifecycle; no other module sets a plan's status itself."""
    setters = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path.parent.name == "plans":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "status" and isinstance(node.ctx, ast.Store):
                target = ast.unparse(node.value)
                if "plan" in target.lower():
                    setters.append(f"{path.relative_to(ROOT)}:{node.lineno} {target}.status")
    assert setters == []
