"""Documents on a case: upload (with the hidden-data check for anything that leaves the
building), replacement by a clean version, and the IG manager's acceptance of findings."""

from requests_app import hidden_data
from requests_app.models import Case, Document
from workflow.engine import ActionRefused, apply


def _inspect(document_name: str, data: bytes) -> list[dict]:
    return [finding.as_dict() for finding in hidden_data.inspect(document_name, data)]


def case_document_add(
    *,
    case_id: int,
    user,
    kind: str,
    upload,
    publish: bool,
    replaces_id: int | None = None,
    expected_version: int | None = None,
) -> Case:
    def change(case):
        old = None
        if replaces_id is not None:
            old = case.documents.filter(pk=replaces_id, replaced_by__isnull=True).first()
            if old is None:
                raise ActionRefused("Choose a current document of this case to replace.")
        document = Document(
            case=case,
            kind=kind,
            file=upload,
            original_name=upload.name[:255],
            content_type=getattr(upload, "checked_content_type", "application/octet-stream"),
            size=upload.size,
            security_warning=getattr(upload, "security_warning", ""),
            publish=publish,
            uploaded_by=user,
        )
        checked = ""
        if document.leaves_the_building:
            upload.seek(0)
            document.findings = _inspect(document.original_name, upload.read())
            upload.seek(0)
            found = len(document.findings)
            checked = (
                f" Hidden-data check: {found} finding{'' if found == 1 else 's'}."
                if found
                else " Hidden-data check: nothing found."
            )
        document.save()
        replaced = ""
        if old is not None:
            old.replaced_by = document
            old.save()
            replaced = f" It replaces {old.original_name}."
        label = Document.Kind(kind).label.lower()
        warning = f" Warning: {document.security_warning}" if document.security_warning else ""
        return f"Document uploaded: {upload.name} ({label}).{replaced}{checked}{warning}"

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="upload_document",
        change=change,
        expected_version=expected_version,
    )


def document_accept_hidden_data(
    *, case_id: int, user, document_id: int, reason: str, expected_version: int | None = None
) -> Case:
    if not (reason or "").strip():
        raise ActionRefused("Say why the document may be released with what was found.")

    def change(case):
        document = case.documents.filter(pk=document_id).first()
        if document is None or not document.blocks_release:
            raise ActionRefused("Choose a document whose findings are waiting for a decision.")
        document.findings_accepted_by = user
        document.findings_accepted_reason = reason
        document.save()
        listed = "; ".join(f["message"] for f in document.findings)
        return f"Hidden data in {document.original_name} accepted for release: {reason} ({listed})"

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="accept_hidden_data",
        change=change,
        expected_version=expected_version,
    )


def recheck_before_release(case: Case) -> None:
    """Inspect again, at the moment of release, every document that leaves the building: a
    finding that was not there at upload (or was never looked for) stops the release."""
    for document in case.documents.all():
        if not document.leaves_the_building:
            continue
        with document.file.open("rb") as stored:
            findings = _inspect(document.original_name, stored.read())
        if findings and findings != document.findings:
            document.findings, document.findings_accepted_by = findings, None
            listed = "; ".join(f["message"] for f in findings)
            raise ActionRefused(
                f"The check before release found hidden data in {document.original_name}: "
                f"{listed}. Upload a clean version or have the IG manager accept it."
            )
        if document.blocks_release:
            raise ActionRefused(
                f"{document.original_name} still has hidden-data findings to fix or accept."
            )
