from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop import inputs
from perfloop.feedback.forms import coached
from perfloop.home.forms import BootstrapMixin, DateInput
from perfloop.org.forms import DepartmentField
from perfloop.org.models import Position
from perfloop.plans.models import Action, Every, Goal, ItemStatus, PlanTemplate, Support
from perfloop.reviews.models import Band, RootCause

FIGURE = {"max_digits": 14, "decimal_places": 2, "required": False}


def _minutes(label, initial):
    return forms.IntegerField(label=label, min_value=5, max_value=480, initial=initial)


def _reason():
    """Why an active plan changes (kept in its history); asked for only once the plan is active."""
    return forms.CharField(label=_("Why it changes"), max_length=500, required=False)


class CadenceFields(forms.Form):
    brief_every = forms.ChoiceField(label=_("Brief check-in"), choices=Every.choices, initial=Every.WEEK)
    brief_minutes = _minutes(_("Minutes"), 15)
    formal_every = forms.ChoiceField(label=_("Formal review"), choices=Every.choices, initial=Every.MONTH)
    formal_minutes = _minutes(_("Minutes"), 60)


class PlanForm(BootstrapMixin, CadenceFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput())

    field_order = ["title", "start_date", "end_date"]

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The plan ends before it starts."))
        return data


class PlanEditForm(PlanForm):
    reason = _reason()


class NewPlanForm(PlanForm):
    """A plan for a person, from the sources picked on the page and, if chosen, a template."""

    template = forms.ModelChoiceField(
        label=_("Start from a template"), queryset=PlanTemplate.objects.all(), required=False
    )
    chosen = forms.MultipleChoiceField(
        label=_("Draft from"), required=False, widget=forms.CheckboxSelectMultiple
    )

    # Typed by name (an organisation may have hundreds of positions: no list of them all).
    target_position = forms.ModelChoiceField(
        label=_("Target position"), queryset=Position.objects.all(), required=False, to_field_name="name",
        widget=forms.TextInput(attrs={"maxlength": 100}),
        help_text=_("The role this plan prepares the person for, as the organisation names it."),
        error_messages={"invalid_choice": _("No position has this name.")},
    )  # fmt: skip

    def __init__(self, *args, candidates=(), development=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = [(c["key"], c.get("sentence") or c.get("text")) for c in candidates]
        self.fields["chosen"].widget.attrs["class"] = "form-check-input"
        if not development:
            del self.fields["target_position"]


class GoalForm(BootstrapMixin, forms.Form):
    id_prefix = "goal"
    sentence = forms.CharField(
        label=_("Type the goal as one sentence"),
        required=False,
        max_length=1000,
        help_text=_("e.g. 1个月内，通过每周2次产品知识学习(每次1小时)，使产品知识测试分数从65分提升至85分"),
    )
    description = forms.CharField(
        label=_("Goal"), max_length=inputs.TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )
    metric = forms.CharField(label=_("Metric"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), **FIGURE)
    target = forms.DecimalField(label=_("Target"), **FIGURE)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Goal.Direction.choices, initial=Goal.Direction.UP
    )
    means = forms.CharField(label=_("Means"), max_length=500, required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    source = forms.CharField(label=_("Result item or indicator it answers"), max_length=300, required=False)
    reason = _reason()


class ActionForm(BootstrapMixin, forms.Form):
    id_prefix = "action"
    reason = _reason()
    text = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.ChoiceField(label=_("Owner"), choices=Action.Owner.choices)
    owner_name = forms.CharField(label=_("Owner’s name (someone else)"), max_length=100, required=False)
    assignee = forms.CharField(
        label=_("Assigned to (employee number)"),
        max_length=32,
        required=False,
        help_text=_("A person of the department: they see the team plan and tick their action off."),
    )
    due = forms.DateField(label=_("Due"), required=False, widget=DateInput())

    def __init__(self, *args, team: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if team:  # a team plan's action: a person of the team, else those who own the plan
            self.fields["owner"].required = False
            self.fields["assignee"].required = True

    def clean(self):
        data = super().clean()
        if self.fields["assignee"].required:
            data["owner"] = Action.Owner.OTHER
            return data
        if data.get("owner") == Action.Owner.OTHER and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", _("Name the person who owns the action."))
        return data


class SupportForm(BootstrapMixin, forms.Form):
    id_prefix = "support"
    reason = _reason()
    kind = forms.ChoiceField(label=_("Kind of support"), choices=Support.Kind.choices)
    text = forms.CharField(label=_("Commitment"), max_length=500)
    amount = forms.DecimalField(label=_("Amount (budget)"), min_value=0, **FIGURE)
    person = forms.CharField(label=_("Mentor"), max_length=100, required=False)
    owner_name = forms.CharField(label=_("Owner on the company’s side"), max_length=100)
    starts = forms.DateField(
        label=_("From (rotation, stretch assignment)"), required=False, widget=DateInput()
    )
    due = forms.DateField(label=_("Due"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("kind") == Support.Kind.MENTOR and not (data.get("person") or "").strip():
            self.add_error("person", _("Name the mentor."))
        lasting = data.get("kind") in (Support.Kind.ROTATION, Support.Kind.STRETCH)
        if lasting and not (data.get("starts") and data.get("due")):
            self.add_error("starts", _("Give the dates it runs from and to."))
        return data


class MilestoneForm(BootstrapMixin, forms.Form):
    id_prefix = "milestone"
    reason = _reason()
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due = forms.DateField(label=_("Date"), widget=DateInput())
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int, required=False, empty_value=None)
    expected = forms.DecimalField(label=_("Expected value"), **FIGURE)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "—")] + [(g.pk, g.description[:60]) for g in goals]


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ItemStatus.choices)


class CommentForm(BootstrapMixin, forms.Form):
    id_prefix = "comment"
    text = forms.CharField(
        label=pgettext_lazy("plan comment", "Comment"),
        max_length=inputs.TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    disagrees = forms.BooleanField(
        label=_("I disagree with the plan: send it back to my manager"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disagrees"].widget.attrs["class"] = "form-check-input"
        coached(self, reverse("feedback:coach"), ["text"])


class TemplateForm(BootstrapMixin, forms.Form):
    """A plan template: what it is for and how long a plan from it runs; its goals, actions and
    support are rows below it (TemplateParts)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    root_cause = forms.ChoiceField(
        label=_("Root cause"), choices=[("", "—"), *RootCause.Cause.choices], required=False
    )
    indicator_name = forms.CharField(label=_("Indicator"), max_length=100, required=False)
    weeks = forms.IntegerField(label=_("Length (weeks)"), min_value=1, max_value=52, initial=8)

    @staticmethod
    def initial_for(template: PlanTemplate) -> dict:
        return {
            "name": template.name,
            "root_cause": template.root_cause,
            "indicator_name": template.indicator_name,
            "weeks": template.weeks,
        }


class RowForm(BootstrapMixin, forms.Form):
    """A row of a table of fields: each box named for screen readers (the column's header shows it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", field.label)


class TemplateGoalForm(RowForm):
    id_prefix = "tgoal"
    description = forms.CharField(
        label=_("Goal"), max_length=500, required=False,
        help_text=_("Blanks filled from the person’s improvement item: {indicator} {baseline} {target} {unit}"),
    )  # fmt: skip
    metric = forms.CharField(label=_("Metric"), max_length=100, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    means = forms.CharField(label=_("Means"), max_length=500, required=False)
    weeks = forms.IntegerField(label=_("Weeks to the deadline"), min_value=1, max_value=52, required=False)


class TemplateActionForm(RowForm):
    id_prefix = "taction"
    text = forms.CharField(label=_("Typical action"), max_length=500, required=False)


class TemplateSupportForm(RowForm):
    id_prefix = "tsupport"
    kind = forms.ChoiceField(label=_("Kind of support"), choices=Support.Kind.choices)
    text = forms.CharField(label=_("Commitment"), max_length=500, required=False)


class TemplateParts:
    """A template's goals, actions and support as rows of the page (three formsets, a few empty
    rows each to fill in); a row left blank is no entry."""

    EXTRA = 2

    def __init__(self, data=None, template: PlanTemplate | None = None):
        def rows(form, prefix, initial):
            factory = forms.formset_factory(form, extra=self.EXTRA, max_num=50, validate_max=True)
            return factory(data, prefix=prefix, initial=None if data is not None else initial)

        self.goals = rows(TemplateGoalForm, "goals", template.goals if template else None)
        self.actions = rows(
            TemplateActionForm, "actions", [{"text": a} for a in template.actions] if template else None
        )
        self.support = rows(TemplateSupportForm, "support", template.support if template else None)

    def is_valid(self) -> bool:
        return all(rows.is_valid() for rows in (self.goals, self.actions, self.support))

    def cleaned(self) -> dict:
        def filled(rows, key):
            return [{k: v for k, v in row.cleaned_data.items() if v not in (None, "")} for row in rows
                    if row.cleaned_data.get(key, "").strip()]  # fmt: skip

        return {
            "goals": filled(self.goals, "description"),
            "actions": [row["text"] for row in filled(self.actions, "text")],
            "support": filled(self.support, "text"),
        }


class BulkForm(BootstrapMixin, forms.Form):
    cycle = forms.ModelChoiceField(label=_("Review cycle"), queryset=None)
    template = forms.ModelChoiceField(label=_("Template"), queryset=PlanTemplate.objects.all())
    bands = forms.MultipleChoiceField(
        label=_("Bands"),
        choices=Band.choices,
        initial=[Band.NEEDS_IMPROVEMENT, Band.UNSATISFACTORY],
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args, cycles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["bands"].widget.attrs["class"] = "form-check-input"


class PlanListForm(forms.Form):
    """The team's plans: searched, filtered and sorted in the database (a page is then cut)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    cycle = forms.ModelChoiceField(label=_("Review cycle"), queryset=None, required=False)
    department = DepartmentField()
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Newest first")), ("end", _("Ending first")), ("name", _("Name"))],
    )

    def __init__(self, *args, departments, cycles, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["cycle"].queryset = cycles
        self.fields["cycle"].empty_label = _("All cycles")
        self.fields["status"].choices = [("", _("All statuses")), *statuses]


class TeamPlanForm(forms.Form):
    """A team plan on a common problem: the department, the cycle and the indicator (the team
    report's button sends them)."""

    department = forms.ModelChoiceField(queryset=None)
    cycle = forms.ModelChoiceField(queryset=None)
    indicator = forms.CharField(max_length=100)

    def __init__(self, *args, departments, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["cycle"].queryset = cycles
