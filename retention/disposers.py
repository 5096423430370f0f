"""What disposing of each kind of record does to the database. Each function runs inside the
disposal's transaction, with the record locked, and returns the storage names of the files to
delete once that transaction has committed (a file cannot be deleted in a rollback-safe way).

Anonymising keeps everything the statistics, dashboards and report summaries count (regime,
status, dates, outcome, service areas, exemptions cited, time spent) and the public version on
the disclosure log, and removes the requester and every free-text field that may hold personal
data. Writes are queryset updates so that no new history row is made; the record's existing
history rows are then deleted, as they hold the personal data being removed.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from breaches.models import Breach, BreachAction, IcoUpdate
from breaches.models import Event as BreachEvent
from fees.models import Estimate, FeeNotice
from requests_app.disclosure import published_documents
from requests_app.models import (
    AppliedExemption,
    Assignment,
    Case,
    Complaint,
    ComplaintEvent,
    Correspondence,
    Document,
    Event,
    IcoComplaint,
    InboundEmail,
    Requester,
    TimeEntry,
)
from retention.models import Action
from sharing.models import Agreement, AgreementEvent, Dpia, DpiaEvent, DpiaRisk, Partner
from workflow.models import OutgoingAttachment, OutgoingEmail

REMOVED = "Removed under the retention schedule."
ANONYMISED = "Anonymised"


def _prune_history(model: type[Model], **lookup) -> None:
    model.history.model.objects.filter(**lookup).delete()


def _outbox_about(model: type[Model], ids) -> list[str]:
    emails = OutgoingEmail.objects.filter(
        about_type=ContentType.objects.get_for_model(model), about_id__in=list(ids)
    )
    files = [name for name in emails.exclude(attachment="").values_list("attachment", flat=True)]
    # The further attachments are other records' files (released documents), disposed of with
    # those records; their names may be personal, so the references go.
    OutgoingAttachment.objects.filter(email__in=emails).delete()
    emails.update(
        to="",
        reply_to="",
        subject=REMOVED,
        body_text="",
        body_html="",
        attachment="",
        attachment_filename="",
        data={},
    )
    return files


def _blank(queryset, *fields: str, **values) -> None:
    queryset.update(**{name: "" for name in fields}, **values)


def case_anonymise(case: Case) -> list[str]:
    files: list[str] = []
    old_requester_id = case.requester_id
    old = Requester.objects.get(pk=old_requester_id)
    # A fresh requester row keeps the requester type the statistics break down by; the old
    # row goes once no other case uses it (a requester may have made several requests).
    placeholder = Requester.objects.create(name=ANONYMISED, requester_type=old.requester_type)
    Case.objects.filter(pk=case.pk).update(
        requester=placeholder,
        title=f"{ANONYMISED} request {case.reference}",
        request_text=REMOVED,
        sar_checks="",
        decision_reasons="",
        monitoring_officer_consulted="",
        response_text="",
        extension_reason="",
    )
    _prune_history(Requester, id=placeholder.pk)
    if not Case.objects.filter(requester_id=old_requester_id).exists():
        old.delete()
        _prune_history(Requester, id=old_requester_id)

    # Documents: every file goes except the redacted copies published on the disclosure log.
    public = set(published_documents().filter(case=case).values_list("pk", flat=True))
    documents = Document.objects.filter(case=case).exclude(pk__in=public)
    files += [d.file.name for d in documents if d.file]
    Document.objects.filter(case=case).update(replaced_by=None)
    ids = list(documents.values_list("pk", flat=True))
    documents.delete()
    _prune_history(Document, id__in=ids)

    letters = Correspondence.objects.filter(case=case)
    letter_ids = list(letters.values_list("pk", flat=True))
    files += [name for name in letters.exclude(pdf="").values_list("pdf", flat=True)]
    files += _outbox_about(Correspondence, letter_ids)
    letters.update(to="", body="", subject=REMOVED, pdf="")
    _prune_history(Correspondence, case_id=case.pk)

    mails = InboundEmail.objects.filter(case=case)
    files += [name for name in mails.exclude(raw="").values_list("raw", flat=True)]
    _blank(mails, "from_address", "from_name", "body", "raw", subject=REMOVED)

    Event.objects.filter(case=case).update(message=REMOVED)
    _blank(Assignment.objects.filter(case=case), "draft", "searches_made")
    _blank(TimeEntry.objects.filter(case=case), "note")
    _blank(AppliedExemption.objects.filter(case=case), "public_interest_test")
    _blank(IcoComplaint.objects.filter(case=case), "notes")
    # Fees: the amounts stay (the fees register counts them); the reasons may name people.
    _blank(Estimate.objects.filter(case=case), "adjustment_reason")
    _blank(FeeNotice.objects.filter(case=case), "closed_reason")
    _prune_history(FeeNotice, case_id=case.pk)
    for model in (Assignment, TimeEntry, AppliedExemption, IcoComplaint):
        _prune_history(model, case_id=case.pk)
    _prune_history(Case, id=case.pk)
    return files


def complaint_anonymise(complaint: Complaint) -> list[str]:
    Complaint.objects.filter(pk=complaint.pk).update(
        name=ANONYMISED, email="", address="", what_happened=REMOVED, outcome_text=""
    )
    ComplaintEvent.objects.filter(complaint=complaint).update(message=REMOVED)
    files = _outbox_about(Complaint, [complaint.pk])
    _prune_history(Complaint, id=complaint.pk)
    return files


def breach_anonymise(breach: Breach) -> list[str]:
    Breach.objects.filter(pk=breach.pk).update(
        title=f"{ANONYMISED} breach {breach.reference}",
        what_happened=REMOVED,
        **{
            name: ""
            for name in (
                "data_involved",
                "people_involved",
                "containment_reported",
                "consequences",
                "containment",
                "staff_involved",
                "risk_reasoning",
                "ico_decision_reason",
                "ico_delay_reason",
                "individuals_reason",
                "individuals_letter",
                "individuals_method",
                "sign_off_comments",
            )
        },
    )
    BreachEvent.objects.filter(breach=breach).update(message=REMOVED)
    IcoUpdate.objects.filter(breach=breach).update(summary=REMOVED)
    _blank(BreachAction.objects.filter(breach=breach), "done_note")
    _prune_history(IcoUpdate, breach_id=breach.pk)
    _prune_history(BreachAction, breach_id=breach.pk)
    _prune_history(Breach, id=breach.pk)
    return _outbox_about(Breach, [breach.pk])


def agreement_anonymise(agreement: Agreement) -> list[str]:
    """An agreement is the council's record of its sharing: the partners' contact people and
    the signed copy are what is personal about it."""
    files = [agreement.signed_document.name] if agreement.signed_document else []
    Agreement.objects.filter(pk=agreement.pk).update(signed_document="", signed_as="")
    _blank(Partner.objects.filter(agreement=agreement), "contact_name", "contact_email")
    Partner.objects.filter(agreement=agreement).update(contact_phone="")
    AgreementEvent.objects.filter(agreement=agreement).update(message=REMOVED)
    _prune_history(Partner, agreement_id=agreement.pk)
    _prune_history(Agreement, id=agreement.pk)
    return files


def dpia_anonymise(dpia: Dpia) -> list[str]:
    """The assessment stays (what was assessed, its status, the residual risk, who assessed
    it); the free text, which may describe people, goes."""
    Dpia.objects.filter(pk=dpia.pk).update(
        description=REMOVED, screening_notes="", dpo_assessment="", prior_consultation_outcome=""
    )
    DpiaRisk.objects.filter(dpia=dpia).update(description=REMOVED, mitigation="")
    DpiaEvent.objects.filter(dpia=dpia).update(message=REMOVED)
    _prune_history(DpiaRisk, dpia_id=dpia.pk)
    _prune_dpia_history(dpia.pk)
    return _outbox_about(Dpia, [dpia.pk])


def _prune_dpia_history(dpia_id: int) -> None:
    apps.get_model("sharing", "HistoricalDpia_agreements").objects.filter(dpia_id=dpia_id).delete()
    _prune_history(Dpia, id=dpia_id)


def dpia_delete(dpia: Dpia) -> list[str]:
    """No statistic or register counts a DPIA: it goes with its risks and timeline."""
    files = _outbox_about(Dpia, [dpia.pk])
    risk_ids = list(DpiaRisk.objects.filter(dpia=dpia).values_list("pk", flat=True))
    # A queryset delete: the links to agreements go by cascade, the agreements stay.
    Dpia.objects.filter(pk=dpia.pk).delete()
    _prune_history(DpiaRisk, id__in=risk_ids)
    _prune_dpia_history(dpia.pk)
    return files


ANONYMISERS = {
    Case: case_anonymise,
    Complaint: complaint_anonymise,
    Breach: breach_anonymise,
    Agreement: agreement_anonymise,
    Dpia: dpia_anonymise,
}
# Only records nothing counts may be deleted (retention.kinds says which; the form refuses
# "delete" for the rest).
DELETERS = {Dpia: dpia_delete}


def dispose(record: Model, action: str) -> list[str]:
    """Carry out `action` on a locked record; the files to delete afterwards."""
    if action == Action.REVIEW:
        return []
    if action == Action.DELETE:
        return DELETERS[type(record)](record)
    return ANONYMISERS[type(record)](record)
