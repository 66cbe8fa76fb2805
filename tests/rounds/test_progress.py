"""Progress is counted once per change: kept under the round's version, which every submission,
reopening, reviewer added or removed moves (outside a test transaction, as a server runs)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perfloop.rounds import services
from perfloop.rounds.models import ReviewForm

pytestmark = pytest.mark.django_db(transaction=True)


def submitted_on_page(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return page.split('data-testid="overall"')[1].split("</strong>")[0], len(queries)


def test_progress_is_kept_until_a_form_is_submitted_or_reopened(round_, org, setup, client_for):
    hr = client_for("hr_in_scope")
    url = f"/rounds/{round_.pk}/"
    first, counted = submitted_on_page(hr, url)
    again, kept = submitted_on_page(hr, url)
    assert first == again and kept < counted  # the second view reads what the first counted
    form = ReviewForm.objects.get(round=round_, employee=org.employee, relation="self")
    answers = {str(i.pk): {"rating": 4, "comment": ""} for i in (setup.communication, setup.teamwork)}
    services.save(form=form, data={"answers": answers}, by=org.user("employee"), submit=True)
    after, _n = submitted_on_page(hr, url)
    assert "已提交1/" in after and "已提交0/" in first
