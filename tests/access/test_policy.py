import pytest

from perfloop.access import policy


def nos(qs):
    return sorted(qs.values_list("employee_no", flat=True))


@pytest.mark.django_db
def test_employee_sees_only_themself(org):
    assert nos(policy.visible_employees(org.user("employee"))) == ["E0001"]


@pytest.mark.django_db
def test_manager_sees_direct_and_indirect_reports_and_themself(org):
    assert nos(policy.visible_employees(org.user("manager"))) == ["E0001", "L0001", "M0001"]
    assert nos(policy.managed_employees(org.user("manager"))) == ["E0001", "L0001"]
    assert policy.can_manage(org.user("manager"), org.employee)
    assert not policy.can_manage(org.user("manager"), org.manager)
    assert not policy.can_manage(org.user("other_manager"), org.employee)


@pytest.mark.django_db
def test_hr_sees_their_departments_with_sub_departments_only(org):
    assert nos(policy.visible_employees(org.user("hr_in_scope"))) == ["E0001", "L0001", "M0001"]
    assert nos(policy.visible_employees(org.user("hr_out_of_scope"))) == ["E0002", "M0002"]
    assert policy.is_hr_for(org.user("hr_in_scope"), org.employee)
    assert not policy.is_hr_for(org.user("hr_out_of_scope"), org.employee)


@pytest.mark.django_db
def test_admin_sees_everyone_and_anonymous_no_one(org):
    assert len(nos(policy.visible_employees(org.user("admin")))) == 6
    assert nos(policy.visible_employees(org.user("anonymous"))) == []


@pytest.mark.django_db
def test_employee_who_left_has_no_employee_role(org):
    org.employee.status = "left"
    org.employee.save()
    user = org.user("employee")
    assert not policy.roles_for(user).is_employee
    assert nos(policy.visible_employees(user)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr_in_scope", "manager"])  # without and with an employee record
def test_company_wide_hr_reaches_everyone_but_themself_without_a_department_condition(org, role):
    from perfloop.access.models import HRAssignment
    from perfloop.org.models import Employee

    HRAssignment.objects.create(user=org.user(role), department=org.company)
    user = org.user(role)
    user.__dict__.pop("_perfloop_roles", None)
    assert policy.is_company_wide_hr(user)
    own = {org.manager.employee_no} if role == "manager" else set()
    reached = Employee.objects.filter(policy.people_q(user))
    assert set(reached.values_list("employee_no", flat=True)) == set(nos(Employee.objects.all())) - own
    assert "org_department" not in str(reached.query)
