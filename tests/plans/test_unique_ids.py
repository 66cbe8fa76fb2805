"""No page gives two elements one id (labels, scripts and screen readers find fields by it): the
plan page holds a dozen forms, the record and result pages several."""

import collections
import re

import pytest

from tests.followup.conftest import active  # noqa: F401  (刘洋's active plan)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["manager", "employee", "hr_in_scope"])
def test_no_id_twice_on_the_loop_s_pages(org, active, record, client_for, role):  # noqa: F811
    pages = [
        "/", "/plans/", "/followup/", f"/plans/{active.pk}/", f"/feedback/{record.pk}/",
        f"/reviews/results/{record.result_id}/", "/org/", "/notify/",
    ]  # fmt: skip
    twice = {}
    for page in pages:
        answer = client_for(role).get(page)
        if answer.status_code != 200:
            continue
        ids = re.findall(r'\sid="([^"]+)"', answer.content.decode())
        if repeated := [i for i, n in collections.Counter(ids).items() if n > 1]:
            twice[page] = repeated
    assert twice == {}
