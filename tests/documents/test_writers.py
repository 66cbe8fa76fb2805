import csv
import io

from openpyxl import load_workbook

from perfloop.documents.writers import csv_bytes, xlsx_bytes

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_xlsx_writes_formula_like_text_as_text():
    content = xlsx_bytes(["姓名", "分数"], [[name, -5] for name in HOSTILE])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE  # kept as written (lxml writes a CR as &#13;)
    assert all(c.data_type == "s" for c in cells)
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == [-5] * len(HOSTILE)  # numbers stay numbers
    # No formula is stored anywhere in the sheet's XML.
    import zipfile

    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_csv_escapes_formula_like_text():
    content = csv_bytes(["姓名"], [[name] for name in HOSTILE] + [["张三"], [3]])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE] + ["张三", "3"]
