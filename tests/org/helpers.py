import csv
import io

from openpyxl import Workbook

HEADER_ZH = ["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱"]
HEADER_EN = ["employee_no", "name", "department", "position", "manager_no", "hire_date", "email"]


def xlsx_bytes(rows, header=HEADER_ZH) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, header=HEADER_EN, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
