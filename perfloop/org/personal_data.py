"""What the organisation holds about a person, for their data export (access/personal_data.py)."""

from perfloop.access.personal_data import Section


def profile(employee, for_self: bool) -> list[dict]:
    return [
        {
            "employee_no": employee.employee_no, "name": employee.name, "department": employee.department.name,
            "position": employee.position.name if employee.position_id else "",
            "manager": employee.manager.name if employee.manager_id else "", "hire_date": employee.hire_date,
            "email": employee.email, "mobile": employee.mobile, "status": employee.get_status_display(),
            "account": employee.user.username if employee.user_id else "",
        }
    ]  # fmt: skip


# What a person's data export holds of this app.
SECTIONS = (Section("profile", profile, 10),)
