import datetime as dt

from ninja import Schema

MAX_ID = 2**63 - 1  # the largest id any of our databases stores
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL


class DepartmentRef(Schema):
    id: int
    name: str


class EmployeeRef(Schema):
    id: int
    employee_no: str
    name: str


class EmployeeOut(Schema):
    id: int
    employee_no: str
    name: str
    department: DepartmentRef
    position: str | None
    manager: EmployeeRef | None
    hire_date: dt.date | None
    email: str
    status: str

    @staticmethod
    def resolve_position(obj):
        return obj.position.name if obj.position_id else None


class DepartmentOut(Schema):
    id: int
    name: str
    parent_id: int | None
    depth: int


class RolesOut(Schema):
    employee: bool
    manager: bool
    hr: bool
    admin: bool


class MeOut(Schema):
    username: str
    language: str
    roles: RolesOut
    employee: EmployeeOut | None


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[dict]


def errors(*codes: int) -> dict:
    """The error answers of an operation, so that its OpenAPI entry lists every 4xx it gives."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in codes}
