"""Training needs over the API: the same lines and people as the page, for the same viewers."""

from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.training import needs, rules

router = Router(tags=["training"])


class NeedOut(Schema):
    topic: str  # the indicator or competency; "" when the need names none
    department_id: int
    skills_gaps: int  # people whose result's root cause there is lacking skills
    requests: int  # people who asked for training in a feedback conversation
    development_goals: int  # people with a development goal there, under way
    committed: Decimal  # training budget on plans under way, not dropped
    spent: Decimal
    open: Decimal


class PersonOut(Schema):
    id: int
    employee_no: str
    name: str


class LineIn(Schema):
    topic: str = Field("", max_length=100, pattern=NO_NUL)
    department: int = Field(0, ge=0, le=MAX_ID)  # 0: nobody


def _refuse_unless_allowed(request) -> None:
    if not rules.can_read_needs(request.user):
        raise answers.forbidden_error()  # a paged answer cannot be a Status


@router.get(
    "/training/needs", response={200: list[NeedOut], **errors(401, 403, 422)}, url_name="training_needs"
)
@paginate(Pages, page_size=50)
def need_list(request):
    """The training needs of the people the caller's rights reach, busiest first."""
    _refuse_unless_allowed(request)
    return needs.needs(request.user)


@router.get(
    "/training/needs/people",
    response={200: list[PersonOut], **errors(401, 403, 422)},
    url_name="training_people",
)
@paginate(Pages, page_size=50)
def need_people(request, line: Query[LineIn]):
    """The people behind one line (`topic` "" for the needs that name no indicator)."""
    _refuse_unless_allowed(request)
    return needs.people_of(request.user, line.topic, line.department)
