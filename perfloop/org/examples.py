"""Example import files that HR can download and fill in."""

import io

from openpyxl import Workbook

ORG_HEADER = ["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱"]
ORG_ROWS = [
    ["E0001", "王建国", "总部", "总经理", "", "2015-03-01", "wang.jianguo@example.com"],
    ["E0002", "李晓红", "总部/研发中心", "研发总监", "E0001", "2017-07-15", "li.xiaohong@example.com"],
    ["E0003", "张伟", "总部/研发中心/后端组", "高级工程师", "E0002", "2020-09-01", "zhang.wei@example.com"],
]


def org_example_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "组织 Organisation"
    sheet.append(ORG_HEADER)
    for row in ORG_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
