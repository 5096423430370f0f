"""Information-rights request cases: FOI, EIR, SAR and the other data-protection rights."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import ServiceArea
from requests_app.event_kinds import EventKind
from workflow.models import TimelineEvent, VersionedRecord


class Regime(models.TextChoices):
    UNCLASSIFIED = "unclassified", _("Not yet classified")
    FOI = "foi", _("Freedom of Information")
    EIR = "eir", _("Environmental Information")
    SAR = "sar", _("Subject access")
    RECTIFICATION = "rectification", _("Rectification")
    ERASURE = "erasure", _("Erasure")
    RESTRICTION = "restriction", _("Restriction of processing")
    OBJECTION = "objection", _("Objection to processing")
    PORTABILITY = "portability", _("Data portability")
    NOT_VALID = "not_valid", _("Not a valid request")

    @classmethod
    def data_protection(cls) -> frozenset[str]:
        return frozenset(
            {
                cls.SAR,
                cls.RECTIFICATION,
                cls.ERASURE,
                cls.RESTRICTION,
                cls.OBJECTION,
                cls.PORTABILITY,
            }
        )


class SarVariant(models.TextChoices):
    NONE = "", "Standard"
    CRIME = "s29", "Disclosure for crime and taxation (DPA Sch 2 para 2, formerly s29)"
    LEGAL = "s35", "Disclosure for legal proceedings (DPA Sch 2 para 5, formerly s35)"
    CCTV = "cctv", "CCTV footage"
    EDUCATION = "education", "Educational record"
    HEALTH = "health", "Health record"
    CHILD = "child", "On behalf of a child"
    THIRD_PARTY = "third_party", "By a third party acting for the data subject"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    AWAITING_CLARIFICATION = "awaiting_clarification", "Awaiting clarification"
    AWAITING_ID = "awaiting_id", "Awaiting ID"
    AWAITING_FEE = "awaiting_fee", "Awaiting fee"
    ASSIGNED = "assigned", "With service areas"
    IN_PROGRESS = "in_progress", "In progress"
    DRAFT_READY = "draft_ready", "Draft ready"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting authorisation"
    AUTHORISED = "authorised", "Authorised for release"
    RESPONDED = "responded", "Responded"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    LAPSED = "lapsed", "Lapsed"

    @classmethod
    def finished(cls) -> frozenset[str]:
        return frozenset({cls.RESPONDED, cls.CLOSED, cls.WITHDRAWN, cls.LAPSED})


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone note"
    WEB = "web", "Online form"
    IN_PERSON = "in_person", "In person"


class RequesterType(models.TextChoices):
    INDIVIDUAL = "individual", "Member of the public"
    JOURNALIST = "journalist", "Journalist"
    COMPANY = "company", "Company"
    CAMPAIGN = "campaign", "Campaign group"
    COUNCILLOR_MP = "councillor_mp", "Councillor or MP"
    SOLICITOR = "solicitor", "Solicitor"
    THIRD_PARTY = "third_party", "Other third party acting for someone"


class Outcome(models.TextChoices):
    NONE = "", _("Not decided")
    GRANTED = "granted", _("Granted in full")
    PART = "part", _("Granted in part")
    REFUSED = "refused", _("Refused")
    NOT_HELD = "not_held", _("Information not held")
    ACCESSIBLE = "accessible", _("Accessible by other means (s21 / reg 6(1)(b))")
    COST_LIMIT = "cost_limit", _("Refused: cost limit (s12)")
    VEXATIOUS = "vexatious", _("Refused: vexatious / manifestly unreasonable")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")


class ReviewOutcome(models.TextChoices):
    NONE = "", "Not decided"
    UPHELD = "upheld", "Original decision upheld"
    OVERTURNED = "overturned", "Overturned"
    PARTLY = "partly", "Partly upheld"


class CorrespondenceLanguage(models.TextChoices):
    """The language a requester's letters and emails are written in (Welsh Language Standards:
    a bilingual document puts the Welsh first)."""

    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh"
    BILINGUAL = "both", "Welsh and English (bilingual)"


class Requester(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    requester_type = models.CharField(
        max_length=20, choices=RequesterType.choices, default=RequesterType.INDIVIDUAL
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    # Asked only with WELSH_LANGUAGE_STANDARDS on; English otherwise.
    language = models.CharField(
        "language of correspondence",
        max_length=4,
        choices=CorrespondenceLanguage.choices,
        default=CorrespondenceLanguage.ENGLISH,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(models.functions.Lower("name"), name="requester_name_lower")]

    def __str__(self):
        return self.name


class Case(VersionedRecord):
    reference = models.CharField(max_length=20, unique=True)
    regime = models.CharField(max_length=20, choices=Regime.choices, default=Regime.UNCLASSIFIED)
    sar_variant = models.CharField(max_length=20, choices=SarVariant.choices, blank=True)
    sar_checks = models.TextField(
        blank=True,
        help_text="Parental responsibility, authority to disclose, no harm to a child or "
        "vulnerable adult: what was checked and the result.",
    )
    requester = models.ForeignKey(Requester, on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    request_text = models.TextField()
    # Not indexed on its own: case_status_due (status, statutory_due) serves every status
    # filter, and each index on the case table is written again whenever a date moves.
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)

    sensitive = models.BooleanField(default=False)
    about_councillor = models.BooleanField(default=False)
    councillor_told_on = models.DateField(null=True, blank=True)
    media = models.BooleanField(default=False)
    dataset = models.BooleanField(default=False)

    # The statutory clock, stored so lists and sweeps query it. Only deadlines/ computes them.
    statutory_due = models.DateField(null=True, blank=True, db_index=True)
    internal_due = models.DateField(null=True, blank=True, db_index=True)
    acknowledge_by = models.DateField(null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    clarification_asked_on = models.DateField(null=True, blank=True)
    clarified_on = models.DateField(null=True, blank=True)
    id_requested_on = models.DateField(null=True, blank=True)
    id_received_on = models.DateField(null=True, blank=True)
    fee_notice_on = models.DateField(null=True, blank=True)
    fee_paid_on = models.DateField(null=True, blank=True)
    extended = models.BooleanField(default=False)
    extension_reason = models.TextField(blank=True)
    extension_notified_on = models.DateField(null=True, blank=True)

    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never listed by; see `status`
    )
    monitoring_officer_consulted = models.TextField(blank=True)
    response_text = models.TextField(blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never listed by; see `status`
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # The public version on the disclosure log: written by IG after release, never the letter.
    public_title = models.CharField(max_length=200, blank=True)
    public_summary = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_from = models.DateField(null=True, blank=True, db_index=True)
    unpublished_at = models.DateTimeField(null=True, blank=True)
    unpublish_reason = models.TextField(blank=True)

    review_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    review_outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never listed by; see `status`
    )
    # The IG officer who owns the case inside IG (set on arrival, reallocated with a reason).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_cases",
    )
    # Directors who approved the release, one per directorate of the assigned areas (or one for
    # all when the IG manager records that).
    approvals = models.JSONField(default=list, blank=True)
    one_director_for_all = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    service_areas = models.ManyToManyField(
        ServiceArea, through="Assignment", related_name="cases", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "statutory_due"], name="case_status_due"),
            models.Index(fields=["regime", "received_at"], name="case_regime_received"),
            # The dashboard counts by period on these alone.
            models.Index(fields=["received_at"], name="case_received"),
            models.Index(fields=["closed_at"], name="case_closed"),
            # The queue's open cases by statutory date: a page is read from the index in order.
            models.Index(
                fields=["statutory_due", "id"],
                name="case_open_due",
                condition=models.Q(
                    status__in=[
                        "received",
                        "awaiting_clarification",
                        "awaiting_id",
                        "awaiting_fee",
                        "assigned",
                        "in_progress",
                        "draft_ready",
                        "awaiting_authorisation",
                        "authorised",
                    ]
                ),
            ),
            # The public disclosure log, newest answer first, from released FOI/EIR answers
            # only (requests_app.disclosure.published_cases): its pages never touch the rest.
            models.Index(
                fields=["-responded_at", "-id"],
                name="case_published",
                condition=models.Q(
                    regime__in=["foi", "eir"],
                    status__in=["responded", "closed"],
                    responded_at__isnull=False,
                    review_of__isnull=True,
                    published_at__isnull=False,
                    unpublished_at__isnull=True,
                ),
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_regime_display(self) -> str:
        # Django's own builds a dict of every choice on each call, translating each lazily
        # translated label to hash it: 0.2 ms, 5 ms of a list page of 25 cases. Only this
        # case's label is translated here (in the language of the request, as before).
        try:
            return str(Regime(self.regime).label)
        except ValueError:
            return self.regime

    @property
    def is_review(self) -> bool:
        return self.review_of_id is not None

    @property
    def is_finished(self) -> bool:
        return self.status in Status.finished()


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        """Assignments a service area still holds (open or submitted): withdrawn ones give
        neither access nor authority."""
        return self.exclude(state=Assignment.State.WITHDRAWN)


class Assignment(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "With the service area"
        SUBMITTED = "submitted", "Draft submitted to IG"
        WITHDRAWN = "withdrawn", "Taken back by IG"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    # Indexed with state and case below (assignment_area_state_case).
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    internal_due = models.DateField(db_index=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    draft = models.TextField(blank=True)
    searches_made = models.TextField(blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "service_area"], name="one_assignment_per_area")
        ]
        indexes = [
            # A service area's inbox and every area filter ask "which cases does this area
            # hold (open)": answered from this index alone, without reading the assignments.
            models.Index(
                fields=["service_area", "state", "case"], name="assignment_area_state_case"
            )
        ]

    def __str__(self):
        return f"{self.case.reference} → {self.service_area}"

    @property
    def is_active(self) -> bool:
        """The in-memory twin of `Assignment.objects.active()`, for prefetched lists."""
        return self.state != self.State.WITHDRAWN


class Activity(models.TextChoices):
    """The four chargeable activities of reg 4(3) of SI 2004/3244."""

    DETERMINING = "determining", "Determining whether the information is held"
    LOCATING = "locating", "Locating it"
    RETRIEVING = "retrieving", "Retrieving it"
    EXTRACTING = "extracting", "Extracting it"


class TimeEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="time_entries")
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="+")
    activity = models.CharField(max_length=20, choices=Activity.choices)
    minutes = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.minutes} min {self.get_activity_display()}"


class Exemption(models.Model):
    """The library: FOI sections, EIR exceptions, DPA exemptions."""

    class Law(models.TextChoices):
        FOI = "foi", "FOIA"
        EIR = "eir", "EIR"
        DPA = "dpa", "DPA 2018"

    law = models.CharField(max_length=5, choices=Law.choices)
    code = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    qualified = models.BooleanField(
        help_text="Qualified exemptions need a recorded public-interest test."
    )

    class Meta:
        ordering = ["law", "id"]
        constraints = [models.UniqueConstraint(fields=["law", "code"], name="unique_exemption")]

    def __str__(self):
        return f"{self.get_law_display()} {self.code} {self.title}"


class AppliedExemption(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exemptions")
    exemption = models.ForeignKey(Exemption, on_delete=models.PROTECT, related_name="+")
    public_interest_test = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "exemption"], name="exemption_once_per_case")
        ]

    def __str__(self):
        return str(self.exemption)


class Document(models.Model):
    class Kind(models.TextChoices):
        RECEIVED = "received", "Received with the request"
        WORKING = "working", "Working document"
        RESPONSE = "response", "Response"
        RELEASED = "released", "Released information"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="cases/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    publish = models.BooleanField(
        default=False, help_text="Redacted copy for the public disclosure log."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Set by the upload check (organisation.uploads): e.g. a PDF carrying JavaScript. Shown
    # wherever the document is listed.
    security_warning = models.CharField(max_length=300, blank=True)
    # The hidden-data check (requests_app.hidden_data) for documents that leave the building:
    # a list of {"code", "message"}; release waits until they are fixed (a new version replaces
    # this one) or accepted by the IG manager with a reason.
    findings = models.JSONField(default=list, blank=True)
    findings_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    findings_accepted_reason = models.TextField(blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    history = HistoricalRecords()

    def __str__(self):
        return self.original_name

    @property
    def leaves_the_building(self) -> bool:
        """Released to the requester or published, and not replaced by a newer version."""
        return (self.kind == self.Kind.RELEASED or self.publish) and self.replaced_by_id is None

    @property
    def blocks_release(self) -> bool:
        return self.leaves_the_building and bool(self.findings) and not self.findings_accepted_by_id


class Event(TimelineEvent):
    """The human timeline of a case: who did what, when. Field-level history is separate."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        pass


class IcoComplaint(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ico_complaints")
    ico_reference = models.CharField(max_length=50)
    received_on = models.DateField()
    decision_notice = models.CharField(max_length=50, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    compliance_due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.ico_reference


class Correspondence(models.Model):
    """A letter or email to the requester. Written in the same transaction as the change that
    causes it and sent afterwards by the worker, so a mail outage never loses a letter."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "Receipt"
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
        CLARIFICATION = "clarification", "Request for clarification"
        ID_REQUEST = "id_request", "Request for proof of identity"
        EXTENSION = "extension", "Extension notice"
        RESPONSE = "response", "Response"
        REVIEW_RESPONSE = "review_response", "Internal review response"
        FEES_NOTICE = "fees_notice", "Fees notice"
        FEE_REMINDER = "fee_reminder", "Fee reminder"
        FEE_LAPSED = "fee_lapsed", "Request lapsed: fee unpaid"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="correspondence")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    to = models.EmailField(blank=True, help_text="Empty: sent by post.")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    pdf = models.FileField(upload_to="letters/%Y/%m/", blank=True)
    # The language it was written in: the PDF marks its Welsh parts lang="cy".
    language = models.CharField(
        max_length=4,
        choices=CorrespondenceLanguage.choices,
        default=CorrespondenceLanguage.ENGLISH,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.subject


class ReferenceCounter(models.Model):
    """Per-year sequence for case references, locked while a reference is issued."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class PublicFormToken(models.Model):
    """A public request form that has been sent, by the nonce in its signed token.

    The unique nonce makes a double submit (two clicks, a resend from the browser history) make
    one case even when the cache is down: the second insert waits for the first transaction
    and then fails, and the second visitor is shown the first one's confirmation. Rows are
    useless once the token has expired (a day) and are deleted after that.
    """

    nonce = models.CharField(max_length=64, unique=True)
    claimed_at = models.DateTimeField(db_index=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, related_name="+")

    def __str__(self):
        return self.nonce


# Data-protection complaints have their own module; imported here so Django registers them.
from requests_app.complaint_models import (  # noqa: E402, F401
    Complaint,
    ComplaintCounter,
    ComplaintEvent,
    ComplaintEventKind,
    ComplaintOutcome,
    ComplaintStatus,
)
from requests_app.delivery_models import Enclosure, ReleaseLink  # noqa: E402, F401
from requests_app.letter_models import LetterTemplate  # noqa: E402, F401
from requests_app.mail_models import InboundEmail  # noqa: E402, F401
from requests_app.sar_models import SarClarification, SarSearch  # noqa: E402, F401
