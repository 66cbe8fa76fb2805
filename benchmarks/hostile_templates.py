"""Hostile Word templates: each one filled in as a download does, in its own process, with the
time taken and the peak memory of that process and its children (what `/usr/bin/time -v` shows).

    .venv/bin/python benchmarks/hostile_templates.py

- inflates: a 0.4 MB .docx whose document.xml inflates to 150 MB (refused before parsing);
- loops: three nested loops over a record's text (passes a check with short sample values);
- huge_text: `range(100000)|join(text)`, a 200 MB string from a 2,000-character text.
Each is uploaded (the service's check) and filled in with a real-length record.
"""

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfloop.settings")
os.environ.setdefault("PERFLOOP_DEBUG", "1")
django.setup()
from perfloop.documents import word
from perfloop.documents.bounds import check_docx
content = open(sys.argv[1], "rb").read()
values = {"title": "t", "employee_name": "刘洋", "requests": "", "strengths": ("客户沟通主动，" * 400)[:2000]}
try:
    check_docx(content)
    word.render_template(content, values)
    print("filled in")
except Exception as error:
    print(f"refused: {str(error)[:80]}")
"""


def templates(folder: Path) -> dict[str, Path]:
    from docx import Document

    made = {}
    for name, text in {
        "loops": "{% for a in strengths %}{% for b in strengths %}{% for c in strengths %}{% endfor %}{% endfor %}{% endfor %}",
        "huge_text": "{{ range(100000)|join(strengths) }}",
        "inflates": "{{ employee_name }}",
    }.items():
        document = Document()
        document.add_paragraph(text)
        buffer = io.BytesIO()
        document.save(buffer)
        content = buffer.getvalue()
        if name == "inflates":
            source, out, run = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO(), b"<w:r><w:t>x</w:t></w:r>"
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == "word/document.xml":
                        data = data.replace(
                            b"</w:body>", b"<w:p>" + run * (150 * 2**20 // len(run)) + b"</w:p></w:body>"
                        )
                    archive.writestr(item, data)
            content = out.getvalue()
        made[name] = folder / f"{name}.docx"
        made[name].write_bytes(content)
    return made


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        for name, path in templates(Path(work)).items():
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True,
                                  timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            said = (done.stdout.strip() or done.stderr.strip()[-80:]).splitlines()[-1:]
            print(f"{name:10} {path.stat().st_size / 1024:7.0f} KB  {time.monotonic() - started:6.1f} s  "
                  f"peak {peak:7.0f} MB so far  {said[0] if said else ''}")  # fmt: skip


if __name__ == "__main__":
    main()
