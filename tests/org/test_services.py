import pytest

from perfloop.org.models import Employee
from perfloop.org.services import compute_paths, rebuild_paths, would_create_cycle


def test_compute_paths_follows_parents_in_any_order():
    assert compute_paths({3: 2, 1: None, 2: 1, 4: 1}) == {1: "/", 2: "/1/", 3: "/1/2/", 4: "/1/"}


def test_compute_paths_survives_a_cycle():
    paths = compute_paths({1: 2, 2: 1, 3: None})
    assert paths[3] == "/" and set(paths) == {1, 2, 3}


@pytest.mark.django_db
def test_rebuild_after_changing_a_manager(org):
    Employee.objects.filter(pk=org.lead.pk).update(manager=org.other_manager)
    rebuild_paths()
    org.employee.refresh_from_db()
    org.other_manager.refresh_from_db()
    assert org.employee.manager_path == f"{org.other_manager.reports_prefix}{org.lead.pk}/"


@pytest.mark.django_db
def test_would_create_cycle(org):
    assert would_create_cycle(org.manager, org.employee)
    assert would_create_cycle(org.manager, org.manager)
    assert not would_create_cycle(org.employee, org.other_manager)
