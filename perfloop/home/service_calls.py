"""How every app's pages tell the user what a service did: success, or its refusal, as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def run(request, action, success: str) -> bool:
    """Call a service; show its refusal as a message in the user's language."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def form_errors(form) -> str:
    """A form's errors in one line ("Field: what is wrong"), for a message."""
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
        for name, errors in form.errors.items()
    )
