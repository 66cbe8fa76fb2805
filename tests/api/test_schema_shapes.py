"""The API's schema says what it does: each component name belongs to one schema (two classes of
one name made plan answers fail their own schema), and every body is a JSON object."""

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
