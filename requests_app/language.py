"""The requester's language of correspondence (Welsh Language Standards): IG changes it on the
case, through the case's transitions table, so the change is checked, versioned, kept in the
requester's history and shown on the case timeline. The letters follow it from then on."""

from django.conf import settings

from requests_app.models import Case, CorrespondenceLanguage
from workflow.engine import ActionRefused, apply


def under_welsh_standards(case: Case, user) -> str | None:
    """The transitions-table check: the language is asked and used only under the standards."""
    if not settings.WELSH_LANGUAGE_STANDARDS:
        return "Letters are written in English: the Welsh Language Standards are not switched on."
    return None


def case_requester_language_change(
    *, case_id: int, user, language: str, expected_version: int | None = None
) -> Case:
    if language not in CorrespondenceLanguage.values:
        raise ActionRefused("Choose English, Welsh or bilingual.")
    label = CorrespondenceLanguage(language).label

    def change(case):
        requester = case.requester
        if requester.language == language:
            raise ActionRefused(f"The language of correspondence is already {label}.")
        was = requester.get_language_display()
        requester.language = language
        requester.save(update_fields=["language"])  # history, with the acting user
        return (
            f"Language of correspondence of {requester.name} changed from {was} to {label}: "
            "letters and emails to them are written in it from now on."
        )

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="change_language",
        change=change,
        expected_version=expected_version,
    )
