"""The role sets the URL-walk declarations of every app are written with (roles: tests/conftest.py)."""

from tests.conftest import ROLES

SIGNED_IN = set(ROLES) - {"anonymous"}
PUBLIC = set(ROLES)
SEES_TARGET = {"employee", "manager", "hr_in_scope", "admin"}
MANAGERS = {"manager", "other_manager"}
HR_OR_ADMIN = {"hr_in_scope", "hr_out_of_scope", "admin"}
UPLOADER_OR_ADMIN = {"hr_in_scope", "admin"}
HR = {"hr_in_scope", "hr_out_of_scope"}
CYCLE_VIEWERS = {"employee", "other_employee", "manager", "other_manager", "hr_in_scope", "hr_out_of_scope"}
TEAM_VIEWERS = MANAGERS | HR
ADMIN = {"admin"}
# The target of every walk is 刘洋 (org.employee): routes about a person or result are about them.
