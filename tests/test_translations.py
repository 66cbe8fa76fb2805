"""Every string a user sees is translated to zh-Hans, and the compiled catalogue is current."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "perfloop/locale/zh_Hans/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_every_marked_string_in_the_code_is_in_the_catalogue(tmp_path):
    # Extract the strings afresh from a copy of the code and compare with the committed catalogue.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "perfloop", copy / "perfloop", ignore=shutil.ignore_patterns("vendor", "__pycache__")
    )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "PERFLOOP_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "perfloop.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = copy / "perfloop/locale/zh_Hans/LC_MESSAGES/django.po"
    result = subprocess.run(["msgcmp", str(PO), str(fresh)], capture_output=True, text=True)
    assert result.returncode == 0, f"strings missing from {PO.name}; run `make messages`:\n{result.stderr}"


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(PO)], check=True)
    with compiled.open("rb") as fresh, MO.open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog


def test_the_reader_is_addressed_one_way_in_chinese():
    """您 to the reader everywhere; 你 only inside what a manager says to an employee (the talking
    points and the coach's example questions)."""
    spoken = ("%(name)s, thank you for your work", "How do you see these results?", "Ask, then listen:")
    with PO.with_suffix(".mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    assert [t for key, t in catalog.items() if "你" in t and not str(key).startswith(spoken)] == []


def test_a_select_s_empty_choice_reads_in_chinese():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("zh-hans"):
        assert str(BLANK_CHOICE_LABEL) == "- 请选择 -"
