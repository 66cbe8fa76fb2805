"""A script can do what a person does on the pages: every page route that writes — those the URL
walk posts to, and the pages whose form posts back to themselves — is listed beside the API
operation that does the same, or with the reason it has none. A new page write with neither
fails here."""

from tests.access.test_url_walk import DECLARED

# Pages the walk reads (GET) whose form posts back to themselves: they write too.
FORM_PAGES = {
    "reviews:cycle_list", "reviews:template_new", "reviews:template_edit", "reviews:entry",
    "plans:new", "plans:bulk", "plans:template_edit", "feedback:pack", "feedback:meeting", "feedback:template",
    "notify:settings", "notify:rules", "notify:robots", "rounds:new", "rounds:form", "webhooks:list",
    "accounts:invitations", "tokens:list", "directory:method", "training:session_new",
    "careers:new", "careers:paths",
}  # fmt: skip

SAME = {
    "access:name_hr": "api:hr_scopes_add",
    "access:remove_hr": "api:hr_scope_remove",
    "accounts:account_action": "api:account_action",
    "accounts:cancel_invitation": "api:invitation_cancel",
    "accounts:invitations": "api:invitations_send",
    "directory:queue": "api:directory_sync_queue",
    "directory:method": "api:signin_method_change",
    "feedback:start": "api:feedback_create",
    "feedback:pack": "api:feedback_update",
    "feedback:schedule": "api:feedback_update",
    "feedback:meeting": "api:feedback_update",
    "feedback:cancel": "api:feedback_cancel",
    "feedback:request_add": "api:feedback_requests_add",
    "feedback:request_remove": "api:feedback_request_remove",
    "feedback:held": "api:feedback_held",
    "feedback:acknowledge": "api:feedback_acknowledge",
    "feedback:dispute": "api:feedback_dispute",
    "feedback:amend": "api:feedback_amendments",
    "feedback:appeal_resolve": "api:appeal_resolve",
    "feedback:remind": "api:feedback_remind",
    "feedback:coach": "api:coach",
    "followup:checkin_add": "api:plan_checkins_add",
    "followup:reading_add": "api:plan_readings_add",
    "followup:reading_confirm": "api:reading_confirm",
    "followup:close": "api:plan_close",
    "followup:outcome": "api:plan_outcome",
    "followup:outcome_check": "api:plan_outcome_check",
    "followup:closure_acknowledge": "api:plan_closure_acknowledge",
    "imports:upload": "api:import_file",  # a cycle's data: api:cycle_import
    "imports:apply": "api:import_file",
    "insights:lesson_add": "api:lessons_add",
    "insights:outcomes_check": "api:plan_outcome_check",  # the page checks the list shown at once
    "notify:open": "api:notifications_read",
    "notify:read_all": "api:notifications_read_all",
    "notify:resend": "api:delivery_resend",
    "notify:rules": "api:notification_rules_change",
    "notify:robots": "api:robot_add",
    "notify:robot_test": "api:robot_test",
    "notify:robot_remove": "api:robot_remove",
    "plans:new": "api:plan_create",
    "training:session_new": "api:training_session_create",
    "careers:new": "api:dossier_open",
    "careers:recommend": "api:dossier_recommend",
    "careers:decide": "api:dossier_decide",
    "careers:communicate": "api:dossier_communicate",
    "careers:paths": "api:development_step_set",
    "careers:step_remove": "api:development_step_remove",
    "training:enrol": "api:training_enrol",
    "training:attendance": "api:training_attendance",
    "training:enrolment_remove": "api:training_enrolment_remove",
    "plans:parse": "api:goal_parse",
    "plans:update": "api:plan_update",
    "plans:goal_add": "api:plan_goals",
    "plans:goal_update": "api:plan_goal",
    "plans:goal_remove": "api:plan_goal_remove",
    "plans:action_add": "api:plan_actions",
    "plans:action_status": "api:plan_action",
    "plans:support_add": "api:plan_support",
    "plans:support_status": "api:plan_support_item",
    "plans:milestone_add": "api:plan_milestones",
    "plans:item_remove": "api:plan_item_remove",
    "plans:submit": "api:plan_submit",
    "plans:withdraw": "api:plan_withdraw",
    "plans:comment": "api:plan_comment",
    "plans:acknowledge": "api:plan_acknowledge",
    "plans:adjustments_acknowledge": "api:plan_adjustments_acknowledge",
    "plans:team_new": "api:team_plan_create",
    "plans:start": "api:plan_start",
    "plans:bulk": "api:plans_bulk",
    "plans:bulk_undo": "api:plans_bulk_undo",
    "plans:template_delete": "api:plan_template_remove",
    "plans:template_edit": "api:plan_template_change",  # a new one: api:plan_templates_add
    "reviews:cycle_list": "api:cycles_create",
    "reviews:cycle_status": "api:cycle_status",
    "reviews:cycle_score": "api:cycle_score",
    "reviews:cycle_settings": "api:cycle_settings_change",
    "reviews:result_calibrate": "api:result_calibration",
    "reviews:result_root_cause": "api:result_root_causes_add",
    "reviews:result_root_cause_remove": "api:result_root_cause_remove",
    "reviews:template_new": "api:import_file",  # templates and their indicators, as the template file
    "reviews:template_edit": "api:import_file",
    "rounds:nominate": "api:round_nominate",
    "rounds:decide": "api:nomination_decide",
    "rounds:form": "api:review_form_save",
    "rounds:reopen": "api:review_form_reopen",
    "rounds:close": "api:round_close",
    "rounds:remind": "api:round_remind",
    "rounds:coach": "api:coach",
    "rounds:new": "api:rounds_open",
    "reviews:entry": "api:cycle_actuals",  # and its evidence form: api:cycle_evidence_add
    "webhooks:list": "api:webhooks_add",
    "webhooks:switch": "api:webhook_switch",
    "webhooks:remove": "api:webhook_remove",
    "webhooks:resend": "api:webhook_delivery_resend",
}

# Page writes no API operation does, and why.
NONE = {
    "accounts:logout": "a session's own end; a script's token is revoked by its owner instead",
    "accounts:set_language": "a script asks for its language with each request (Accept-Language)",
    "tokens:list": "tokens are made by their owner on the page or by an operator (`issue_token`): a token never mints another",
    "tokens:revoke": "likewise, a person's tokens are theirs to revoke on the page",
    "notify:settings": "a person's own mute switches for e-mail and robots: theirs, on the page",
    "feedback:template": "the organisation's Word template for records: uploaded and checked on the page by an administrator",
}


def page_writes() -> set[str]:
    posted = {
        n
        for n, (method, _roles) in DECLARED.items()
        if method != "get" and not n.startswith(("api:", "admin:"))
    }
    return posted | FORM_PAGES


def test_every_page_write_has_the_api_operation_that_does_the_same_or_a_reason():
    assert {n for n in FORM_PAGES if DECLARED.get(n, ("", None))[0] != "get"} == set()  # pages the walk reads
    missing = page_writes() - set(SAME) - set(NONE)
    assert missing == set(), f"page writes without an API operation or a reason: {sorted(missing)}"
    assert (set(SAME) | set(NONE)) - page_writes() == set()  # no stale entries
    assert set(SAME).isdisjoint(NONE)


def test_each_operation_named_is_an_api_write():
    writes = {n for n, (method, _roles) in DECLARED.items() if n.startswith("api:") and method != "get"}
    assert {page: op for page, op in SAME.items() if op not in writes} == {}
