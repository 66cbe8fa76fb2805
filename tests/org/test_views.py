import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from perfloop.access.models import HRAssignment
from perfloop.imports.models import Import
from perfloop.org.models import Department, Employee
from tests.org.factories import UserFactory
from tests.org.helpers import csv_bytes, xlsx_bytes


def upload(client, content, name="org.xlsx"):
    return client.post("/imports/upload/org/", {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.django_db
def test_hr_previews_then_applies_an_import(org):
    client = Client(headers={"accept-language": "en"})
    client.force_login(org.user("hr_in_scope"))
    rows = [("N1", "新人", "星河测试/研发中心/前端组", "前端工程师", "M0001", "2024-01-02", "n1@example.com")]
    page = upload(client, xlsx_bytes(rows)).content.decode()
    assert "1 people: 1 to add, 0 to change, 0 unchanged." in page and "星河测试/研发中心/前端组" in page
    assert 'data-testid="import-preview"' in page and "n1@example.com" in page  # the row as read
    assert not Employee.objects.filter(employee_no="N1").exists()
    org_import = Import.objects.get()
    page = client.post(f"/imports/{org_import.pk}/apply/", follow=True).content.decode()
    assert "Import applied. 1 people: 1 to add, 0 to change, 0 unchanged." in page
    new = Employee.objects.get(employee_no="N1")
    assert new.department.name == "前端组" and new.manager == org.manager
    assert new.history.get().history_user == org.user("hr_in_scope")
    # Applying twice does nothing more.
    client.post(f"/imports/{org_import.pk}/apply/")
    assert Employee.objects.filter(employee_no="N1").count() == 1


@pytest.mark.django_db
def test_import_errors_are_listed_and_apply_changes_nothing(org):
    client = Client(headers={"accept-language": "en"})
    client.force_login(org.user("admin"))
    rows = [("N1", "甲", "星河测试", "", "NOPE", "", ""), ("N2", "", "星河测试", "", "", "", "")]
    page = upload(client, csv_bytes(rows), "bad.csv").content.decode()
    assert "The file has 2 errors. Nothing was changed" in page
    assert "Manager NOPE is neither in the file nor in the organisation." in page
    assert "Apply the import" not in page
    before = Employee.objects.count()
    client.post(f"/imports/{Import.objects.get().pk}/apply/")
    assert Employee.objects.count() == before


@pytest.mark.django_db
def test_upload_without_a_file_or_with_a_broken_one(org):
    client = Client(headers={"accept-language": "zh-CN"})
    client.force_login(org.user("admin"))
    response = client.post("/imports/upload/org/", {}, follow=True)
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert not Import.objects.exists()
    page = upload(client, b"not a workbook\x00\x01", "org.xlsx").content.decode()
    assert "该文件不是有效的 XLSX 工作簿" in page


@pytest.mark.django_db
def test_example_file_is_a_real_workbook_that_imports(org, client_for):
    from python_calamine import CalamineWorkbook

    response = client_for("admin").get("/imports/examples/org.xlsx")
    rows = CalamineWorkbook.from_filelike(__import__("io").BytesIO(response.content)).get_sheet_by_index(0)
    assert rows.to_python()[0][:3] == ["工号", "姓名", "部门"]
    from perfloop.org.importing import plan_org_import

    assert plan_org_import(response.content, "example.xlsx").ok


@pytest.mark.django_db
def test_employee_page_shows_history_to_hr_only(org, client_for):
    hr_page = client_for("hr_in_scope").get(f"/org/employees/{org.employee.pk}/").content.decode()
    manager_page = client_for("manager").get(f"/org/employees/{org.employee.pk}/").content.decode()
    assert "变更历史" in hr_page and "变更历史" not in manager_page


@pytest.mark.django_db
def test_directory_filters_by_department_subtree(org, client_for):
    page = client_for("admin").get(f"/org/?department={org.rd.pk}").content.decode()
    assert "刘洋" in page and "李组长" in page and "周销售" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, found, not_found",
    [
        ("liuyang", "刘洋", "周销售"),  # full pinyin
        ("Liu Yang", "刘洋", "周销售"),  # spaces and capitals as people type them
        ("ly", "刘洋", "周销售"),  # initials
        ("zhouxiao", "周销售", "刘洋"),
        ("销售", "周销售", "刘洋"),  # part of a name, as before
    ],
)
def test_the_directory_finds_people_by_pinyin_initials_and_name(org, client_for, typed, found, not_found):
    page = client_for("admin").get("/org/", {"q": typed}).content.decode()
    assert found in page and not_found not in page


@pytest.mark.django_db
def test_a_renamed_person_is_found_by_the_new_spelling(org):
    from tests.org.factories import EmployeeFactory

    person = EmployeeFactory(name="单雄信", department=org.rd)
    assert set(person.spelling.split()) >= {"danxiongxin", "shanxiongxin", "sxx"}  # 单 read both ways
    person.name = "曾小贤"
    person.save(update_fields=["name"])
    person.refresh_from_db()
    assert "zengxiaoxian" in person.spelling and "xiongxin" not in person.spelling


def big_org(size):
    call_command("generate_org", "--employees", str(size), "--seed", str(size))
    return Department.objects.get(name=f"生成集团{size}", parent=None)


def queries_for(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/org/", "/org/?q=1", "/org/team/", "/"])
def test_page_queries_do_not_grow_with_the_organisation(url, django_assert_max_num_queries):
    counts = []
    for size in (30, 900):
        company = big_org(size)
        top = Employee.objects.get(department=company, manager=None)
        user = UserFactory(username=f"boss{size}")
        top.user = user
        top.save()
        HRAssignment.objects.create(user=user, department=company)
        client = Client()
        client.force_login(user)
        # A fixed budget: the home page of someone who is employee, manager and HR at once shows
        # every stage's cards, one query each, the inbox bell's count (one) and the rights stamp (one),
        # each stage's to-dos (one bounded query each, 26 in all), and, this company not being set
        # up yet, the setup checklist (nine).
        counts.append(queries_for(client, url, django_assert_max_num_queries, 47))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_the_department_filter_lists_the_scope_indented_with_the_chosen_one_selected(org, client_for):
    from perfloop.org.models import Department

    Department.objects.filter(pk=org.sales.pk).update(name="销售<部>")  # a name is text, never markup
    hr = client_for("hr_in_scope")
    html = hr.get("/org/", {"department": org.backend.pk}).content.decode()
    assert f'<option value="{org.backend.pk}" selected>' in html
    assert f'<option value="{org.rd.pk}">' in html and f'value="{org.sales.pk}"' not in html  # out of scope
    every = client_for("admin").get("/org/").content.decode()
    assert "销售&lt;部&gt;" in every and "销售<部>" not in every


def test_the_department_filter_kept_per_user_shows_a_new_department_on_the_next_request(org, client_for):
    from perfloop.org.services import rebuild_paths
    from tests.org.factories import DepartmentFactory

    hr, admin = client_for("hr_in_scope"), client_for("admin")
    assert "测试新组" not in hr.get("/org/").content.decode()
    admin.get("/org/")
    new = DepartmentFactory(name="测试新组", parent=org.backend)
    rebuild_paths()
    assert f'<option value="{new.pk}">' in hr.get("/org/").content.decode()  # the organisation changed
    assert f'<option value="{new.pk}">' in admin.get("/org/").content.decode()
    outside = DepartmentFactory(name="外部新组", parent=org.sales)
    rebuild_paths()
    assert f'value="{outside.pk}"' not in hr.get("/org/").content.decode()  # another scope's department
