"""Personal-data breaches: the report, the DPO's triage and ICO field set, the risk assessment,
the decisions on record (Art 33(5)), actions and the SIRO's sign-off."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisation.models import ServiceArea
from workflow.models import TimelineEvent, VersionedRecord


class Status(models.TextChoices):
    REPORTED = "reported", "Reported, awaiting triage"
    ASSESSING = "assessing", "Being assessed"
    DECIDED = "decided", "ICO decision recorded"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting SIRO sign-off"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = frozenset(
    {Status.REPORTED, Status.ASSESSING, Status.DECIDED, Status.AWAITING_SIGN_OFF}
)


class ReportType(models.TextChoices):
    INITIAL = "initial", "Initial report"
    FOLLOW_UP = "follow_up", "Follow-up to an earlier report"


class HowFound(models.TextChoices):
    STAFF = "staff", "Noticed by a member of staff"
    DATA_SUBJECT = "data_subject", "Told by the person affected"
    THIRD_PARTY = "third_party", "Told by a third party or recipient"
    PROCESSOR = "processor", "Told by a processor or contractor"
    AUDIT = "audit", "Found in an audit or check"
    MONITORING = "monitoring", "Security monitoring"
    OTHER = "other", "Other"


class DataCategory(models.TextChoices):
    SPECIAL = "special", "Special category (health, ethnicity, religion, sexuality…)"
    CRIMINAL = "criminal", "Criminal offence data"
    CHILDREN = "children", "About children"
    VULNERABLE = "vulnerable", "About vulnerable adults"
    FINANCIAL = "financial", "Financial (bank details, benefits, debts)"
    LOCATION = "location", "Location or address"
    CREDENTIALS = "credentials", "Usernames, passwords or identity documents"
    BASIC = "basic", "Basic personal identifiers only"


class Cause(models.TextChoices):
    WRONG_EMAIL = "wrong_email", "Email sent to the wrong recipient"
    WRONG_POST = "wrong_post", "Letter or parcel sent to the wrong address"
    LOST_DEVICE = "lost_device", "Lost or stolen device or paperwork"
    CYBER_ATTACK = "cyber_attack", "Cyber attack (phishing, ransomware, hacking)"
    UNAUTHORISED_ACCESS = "unauthorised_access", "Unauthorised access by staff"
    FOI_DISCLOSURE = "foi_disclosure", "Disclosure in an FOI or EIR response"
    HIDDEN_DATA = "hidden_data", "Hidden data in a released document"
    FAILED_REDACTION = "failed_redaction", "Failed redaction"
    VERBAL = "verbal", "Verbal disclosure"
    INSECURE_DISPOSAL = "insecure_disposal", "Insecure disposal"
    OTHER = "other", "Other"


class TriState(models.TextChoices):
    UNKNOWN = "", "Not known"
    YES = "yes", "Yes"
    NO = "no", "No"


class RiskLevel(models.TextChoices):
    NONE = "", "Not assessed"
    NO_RISK = "no_risk", "Unlikely to result in a risk"
    RISK = "risk", "Risk"
    HIGH = "high", "High risk"


class IcoDecision(models.TextChoices):
    NONE = "", "Not decided"
    REPORT = "report", "Report to the ICO"
    NOT_REPORT = "not_report", "Do not report to the ICO"


class IndividualsDecision(models.TextChoices):
    NONE = "", "Not decided"
    TELL = "tell", "Tell the people affected"
    NOT_REQUIRED = "not_required", "Not required: the risk is not high"
    EXCEPTION = "exception", "Not telling them: an Art 34(3) exception applies"


class Art34Exception(models.TextChoices):
    NONE = "", "None"
    UNINTELLIGIBLE = "unintelligible", "The data was unintelligible to others (e.g. encrypted)"
    MEASURES = "measures", "Measures taken since mean the high risk is no longer likely"
    DISPROPORTIONATE = (
        "disproportionate",
        "Telling each person would be disproportionate: a public communication instead",
    )


def by_whom(user, at) -> str:
    """'Alex Patel, 3 March 2026 14:05': who took a decision, and when."""
    if at is None:
        return ""
    return f"{user or 'the system'}, {timezone.localtime(at):%-d %B %Y %H:%M}"


class ReferenceCounter(models.Model):
    """The last breach reference given in each year (BR-2026-0007), locked while one is given."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Breach(VersionedRecord):
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.REPORTED, db_index=True
    )
    # --- the report, by any member of staff
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="breaches_reported"
    )
    reported_at = models.DateTimeField(db_index=True)
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    occurred_at = models.DateTimeField(null=True, blank=True)
    discovered_at = models.DateTimeField()
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="breaches"
    )
    data_involved = models.TextField(blank=True)
    people_involved = models.TextField(blank=True)
    containment_reported = models.TextField(blank=True)
    # --- the DPO's triage: the ICO's field set
    aware_at = models.DateTimeField(null=True, blank=True)
    # 72 hours after aware_at (deadlines.breach_clock.breach_due); stored and indexed for the lists,
    # the countdown and the sweeps.
    ico_due = models.DateTimeField(null=True, blank=True, db_index=True)
    report_type = models.CharField(
        max_length=20, choices=ReportType.choices, default=ReportType.INITIAL
    )
    is_cyber = models.BooleanField(null=True, blank=True)
    how_found = models.CharField(max_length=20, choices=HowFound.choices, blank=True)
    data_categories = models.JSONField(default=list, blank=True)
    people_affected = models.PositiveIntegerField(null=True, blank=True)
    records_affected = models.PositiveIntegerField(null=True, blank=True)
    cause = models.CharField(max_length=30, choices=Cause.choices, blank=True, db_index=True)
    consequences = models.TextField(blank=True)
    containment = models.TextField(blank=True)
    staff_involved = models.TextField(blank=True)
    staff_trained = models.CharField(max_length=3, choices=TriState.choices, blank=True)
    caldicott = models.BooleanField(
        default=False, help_text="Health or social care data: the Caldicott Guardian is told."
    )
    # --- risk assessment
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_reasoning = models.TextField(blank=True)
    risk_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    risk_assessed_at = models.DateTimeField(null=True, blank=True)
    # --- decision: report to the ICO (Art 33), with the reason either way (Art 33(5))
    ico_decision = models.CharField(max_length=12, choices=IcoDecision.choices, blank=True)
    ico_decision_reason = models.TextField(blank=True)
    ico_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ico_decided_at = models.DateTimeField(null=True, blank=True)
    ico_reference = models.CharField(max_length=50, blank=True)
    ico_reported_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ico_delay_reason = models.TextField(blank=True)
    # --- decision: tell the people affected (Art 34)
    individuals_decision = models.CharField(
        max_length=15, choices=IndividualsDecision.choices, blank=True
    )
    individuals_reason = models.TextField(blank=True)
    individuals_exception = models.CharField(
        max_length=20, choices=Art34Exception.choices, blank=True
    )
    individuals_told_on = models.DateField(null=True, blank=True)
    individuals_method = models.CharField(max_length=200, blank=True)
    # The letter (or public notice) as sent, composed from templates/breaches/letters/.
    individuals_letter = models.TextField(blank=True)
    individuals_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    individuals_decided_at = models.DateTimeField(null=True, blank=True)
    # --- closure
    lessons_learned = models.TextField(blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_comments = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name_plural = "breaches"
        indexes = [models.Index(fields=["status", "ico_due"], name="breach_status_due")]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def ico_pending(self) -> bool:
        """The 72-hour clock still matters: no decision yet, or a decision to report that has
        not been carried out."""
        if self.aware_at is None or self.status == Status.CLOSED:
            return False
        return self.ico_decision == IcoDecision.NONE or (
            self.ico_decision == IcoDecision.REPORT and self.ico_reported_at is None
        )

    @property
    def risk_score_label(self) -> str:
        if self.likelihood is None or self.severity is None:
            return ""
        return f"{self.likelihood} × {self.severity} = {self.likelihood * self.severity}"

    @property
    def risk_assessed_label(self) -> str:
        return by_whom(self.risk_assessed_by, self.risk_assessed_at)

    @property
    def ico_decided_label(self) -> str:
        return by_whom(self.ico_decided_by, self.ico_decided_at)

    @property
    def individuals_decided_label(self) -> str:
        return by_whom(self.individuals_decided_by, self.individuals_decided_at)

    @property
    def individuals_told_label(self) -> str:
        if self.individuals_told_on is None:
            return ""
        return f"{self.individuals_told_on:%-d %B %Y} by {self.individuals_method}"

    @property
    def signed_off_label(self) -> str:
        return by_whom(self.signed_off_by, self.signed_off_at)

    def data_category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [labels.get(value, value) for value in self.data_categories]


class IcoUpdate(models.Model):
    """A follow-up submission to the ICO (Art 33(4): information in phases)."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="ico_updates")
    sent_at = models.DateTimeField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"{self.breach_id} follow-up {self.sent_at:%Y-%m-%d %H:%M}"

    @property
    def sent_at_label(self) -> str:
        return by_whom(self.recorded_by, self.sent_at)


class BreachAction(models.Model):
    """Something to do because of a breach, owned by one member of staff. Owners see their
    actions, not the breach record (which may hold special-category data)."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="breach_actions"
    )
    due_on = models.DateField(db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.breach.reference}: {self.description[:60]}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class EventKind(models.TextChoices):
    REPORTED = "reported", "Reported"
    EDIT_REPORT = "edit_report", "Report corrected"
    TRIAGE = "triage", "Triaged"
    CHANGE_AWARENESS = "change_awareness", "Moment of awareness changed"
    UPDATE_DETAILS = "update_details", "Details updated"
    ASSESS_RISK = "assess_risk", "Risk assessed"
    DECIDE_ICO = "decide_ico", "ICO decision"
    RECORD_ICO_REPORT = "record_ico_report", "Reported to the ICO"
    RECORD_ICO_UPDATE = "record_ico_update", "Follow-up sent to the ICO"
    DECIDE_INDIVIDUALS = "decide_individuals", "Decision on telling the people affected"
    ADD_ACTION = "add_action", "Action added"
    ACTION_DONE = "action_done", "Action done"
    RECORD_LESSONS = "record_lessons", "Lessons learned"
    SUBMIT_FOR_SIGN_OFF = "submit_for_sign_off", "Sent for SIRO sign-off"
    RETURN_TO_DPO = "return_to_dpo", "Returned to the DPO"
    SIGN_OFF = "sign_off", "Signed off and closed"


class Event(TimelineEvent):
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        pass
