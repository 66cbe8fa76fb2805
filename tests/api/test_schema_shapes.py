"""The API's schema says what it does: each component name belongs to one schema (two classes of
one name made plan answers fail their own schema), every operation has a short stable id, a
download is bytes (or text) of its own media type, and every body is a JSON object."""

import re

import pytest
from ninja import Schema

from perfloop.api.api import api


def _schemas(cls=Schema):
    for sub in cls.__subclasses__():
        yield sub
        yield from _schemas(sub)


def test_each_component_name_belongs_to_one_schema():
    api.get_openapi_schema()  # every router's schemas imported
    ours = {}
    for cls in _schemas():
        if cls.__module__.startswith("perfloop."):
            ours.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: places for name, places in ours.items() if len(places) > 1} == {}


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["[]", '[{"strengths": "x"}]', "3", '"text"', "null"])
def test_a_body_that_is_not_an_object_is_refused_with_a_reason(org, api_client, body):
    answer = api_client("manager").patch("/api/v1/feedback/1", body, content_type="application/json")
    assert answer.status_code == 400 and answer.json()["detail"] == "请求正文必须是一个 JSON 对象。"


def test_operation_ids_are_short_camel_case_and_unique():
    schema = api.get_openapi_schema()
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not re.fullmatch(r"[a-z][a-zA-Z0-9]*", i)] == []
    assert {"plan", "plans", "planDocument", "reviewsOwed"} <= set(ids)


def test_downloads_are_bytes_of_their_own_media_type():
    paths = api.get_openapi_schema()["paths"]
    downloads = {
        "/api/v1/feedback/{record_id}/document": {"application/pdf"},
        "/api/v1/feedback/{record_id}/invitation.ics": {"text/calendar"},
        "/api/v1/plans/{plan_id}/document": {"application/pdf"},
        "/api/v1/plans/{plan_id}/checkins.ics": {"text/calendar"},
    }
    for path, kinds in downloads.items():
        content = paths[path]["get"]["responses"][200]["content"]
        assert "application/json" not in content and kinds <= set(content), path
        for kind, media in content.items():
            text = kind == "text/calendar"  # text, so that a client reads it as such
            assert media["schema"] == (
                {"type": "string"} if text else {"type": "string", "format": "binary"}
            ), path
