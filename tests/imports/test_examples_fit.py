"""Every example fits the company it is downloaded in: on the demo company, each kind's example and
fill-in file, uploaded back unchanged by HR, previews without a single row error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from perfloop.imports.models import Import
from perfloop.imports.registry import KINDS
from perfloop.reviews.models import ReviewCycle


@pytest.fixture
def demo_hr(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(get_user_model().objects.get(username="hr"))
    return client


@pytest.mark.parametrize("link", ["example", "fill-in"])
def test_each_example_and_fill_in_file_previews_without_errors_in_the_demo(demo_hr, link):
    cycle = ReviewCycle.objects.filter(status__in=("draft", "open")).order_by("-start_date").first()
    checked = []
    for kind, found in KINDS.items():
        if link == "fill-in" and found.fill_in is None:
            continue
        target = "" if found.target is None else str(cycle.pk)
        path = f"/imports/{'examples' if link == 'example' else 'fill-in'}/{kind}.xlsx"
        content = demo_hr.get(path, {"target": target} if target else {}).content
        upload = SimpleUploadedFile(f"{kind}.xlsx", content)
        demo_hr.post(f"/imports/upload/{kind}/", {"file": upload, "target": target})
        record = Import.objects.filter(kind=kind).latest("pk")
        assert record.status != Import.Status.REFUSED, (kind, record.status)
        page = demo_hr.get(f"/imports/{record.pk}/").content.decode()
        assert 'data-testid="import-errors"' not in page, (kind, page.split("import-errors")[1][:600])
        checked.append(kind)
    assert {"org", "template", "results"} <= set(checked)
