"""URL-walk declarations of training needs: HR and managers, each for the people they reach."""

from tests.access.walk_roles import TEAM_VIEWERS

DECLARED = {
    "training:needs": ("get", TEAM_VIEWERS),
    "training:people": ("get", TEAM_VIEWERS),
    "training:export": ("get", TEAM_VIEWERS),
    "api:training_needs": ("get", TEAM_VIEWERS),
    "api:training_people": ("get", TEAM_VIEWERS),
}
