"""No page gives two elements one id (labels, scripts and screen readers find fields by it): the
plan page holds a dozen forms, the record and result pages several. No sentence ends twice (。。)."""

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
        html = answer.content.decode()
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>|\.\.\.|…", "", html, flags=re.S)
        assert not re.search(r"[。.]\s*[。.]", text), (page, re.search(r".{30}[。.]\s*[。.].{10}", text))
        ids = re.findall(r'\sid="([^"]+)"', html)
        if repeated := [i for i, n in collections.Counter(ids).items() if n > 1]:
            twice[page] = repeated
    assert twice == {}
