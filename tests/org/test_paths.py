"""`path__under`: everyone at or below a path prefix, and nobody beside it (/1/ is not /10/)."""

import pytest

from perfloop.org.models import Department
from tests.org.factories import DepartmentFactory


@pytest.mark.django_db
def test_under_takes_the_subtree_and_not_a_sibling_whose_id_shares_digits():
    departments = {}
    for path in ("/1/", "/1/4/", "/1/4/9/", "/10/", "/10/1/", "/2/", "/1"):
        departments[path] = DepartmentFactory(path=path)
    under = set(Department.objects.filter(path__under="/1/").values_list("path", flat=True))
    assert under == {"/1/", "/1/4/", "/1/4/9/"}
    assert set(Department.objects.filter(path__under="/1/4/").values_list("path", flat=True)) == {
        "/1/4/",
        "/1/4/9/",
    }
    assert not Department.objects.filter(path__under="/3/").exists()
