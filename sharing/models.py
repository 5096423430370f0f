"""The register of information-sharing and data-processing agreements, and the DPIAs behind them.

Partners' contacts and the signed document are private: only staff who may see the agreement
see them, and the public register (sharing.public) reads a fixed list of public fields.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import ServiceArea
from workflow.models import TimelineEvent, VersionedRecord


class Kind(models.TextChoices):
    ISA = "isa", _("Information Sharing Agreement")
    DPA = "dpa", _("Data Processing Agreement")


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    DPO_REVIEW = "dpo_review", "With the IG manager (DPO)"
    AWAITING_SIGNATURE = "awaiting_signature", "Awaiting signature"
    ACTIVE = "active", "Active"
    REVIEW_DUE = "review_due", "Due for review"
    EXPIRED = "expired", "Expired"
    TERMINATED = "terminated", "Terminated"

    @classmethod
    def in_force(cls) -> frozenset[str]:
        """Signed and not ended: an agreement past its review date is still in force (and
        still published) until it is renewed or ended."""
        return frozenset({cls.ACTIVE, cls.REVIEW_DUE})

    @classmethod
    def ended(cls) -> frozenset[str]:
        return frozenset({cls.EXPIRED, cls.TERMINATED})


class Article6(models.TextChoices):
    CONSENT = "consent", _("Art 6(1)(a) consent")
    CONTRACT = "contract", _("Art 6(1)(b) contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Art 6(1)(c) legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Art 6(1)(d) vital interests")
    PUBLIC_TASK = "public_task", _("Art 6(1)(e) public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Art 6(1)(f) legitimate interests")
    # Added by the Data (Use and Access) Act 2025 (new Art 6(1)(ea) and Annex 1).
    RECOGNISED_LEGITIMATE_INTERESTS = (
        "recognised_legitimate_interests",
        _("Art 6(1)(ea) recognised legitimate interests"),
    )


class Article9(models.TextChoices):
    NONE = "", _("None (no special-category data)")
    EXPLICIT_CONSENT = "a", _("Art 9(2)(a) explicit consent")
    EMPLOYMENT = "b", _("Art 9(2)(b) employment, social security and social protection")
    VITAL_INTERESTS = "c", _("Art 9(2)(c) vital interests")
    NOT_FOR_PROFIT = "d", _("Art 9(2)(d) not-for-profit bodies")
    MADE_PUBLIC = "e", _("Art 9(2)(e) made public by the data subject")
    LEGAL_CLAIMS = "f", _("Art 9(2)(f) legal claims")
    SUBSTANTIAL_PUBLIC_INTEREST = "g", _("Art 9(2)(g) substantial public interest (DPA Sch 1 Pt 2)")
    HEALTH_SOCIAL_CARE = "h", _("Art 9(2)(h) health or social care")
    PUBLIC_HEALTH = "i", _("Art 9(2)(i) public health")
    ARCHIVING_RESEARCH = "j", _("Art 9(2)(j) archiving, research or statistics")


class Agreement(VersionedRecord):
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=3, choices=Kind.choices, default=Kind.ISA)
    title = models.CharField(max_length=300)
    purpose = models.TextField()
    lead_areas = models.ManyToManyField(ServiceArea, related_name="agreements")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    article6_basis = models.CharField(max_length=40, choices=Article6.choices)
    special_category = models.BooleanField(
        default=False, help_text="Health, ethnicity, religion, sexuality, biometrics and the like."
    )
    article9_condition = models.CharField(
        max_length=1, choices=Article9.choices, blank=True, default=""
    )
    criminal_offence = models.BooleanField(default=False)
    article10_condition = models.CharField(
        max_length=300,
        blank=True,
        help_text="Article 10: the DPA 2018 Schedule 1 condition relied on.",
    )
    data_subjects = models.TextField()
    data_categories = models.TextField()
    transfer_method = models.CharField(max_length=300)
    transfer_frequency = models.CharField(max_length=200)
    security_measures = models.TextField()
    retention = models.TextField(
        help_text="How long each partner keeps it and how it is disposed of."
    )
    waspi = models.BooleanField(
        default=False, help_text="Welsh councils: a WASPI Information Sharing Protocol."
    )
    start_date = models.DateField(null=True, blank=True)
    review_months = models.PositiveSmallIntegerField(default=12)
    # Stored, computed by deadlines.agreement_reviews when signed or renewed, so the register,
    # the reminders and the public list query it instead of recomputing it.
    review_due = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True, db_index=True)
    signed_document = models.FileField(upload_to="sharing/signed/%Y/", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who looks after the agreement and is reminded of its reviews.",
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_as = models.CharField(max_length=200, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    ended_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[lead_areas])

    class Meta:
        ordering = ["reference"]
        constraints = [
            # The rule the forms and the table enforce, kept by the database too.
            models.CheckConstraint(
                condition=models.Q(special_category=False) | ~models.Q(article9_condition=""),
                name="special_category_needs_article9",
                violation_error_message="Special-category data needs an Article 9 condition.",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def is_in_force(self) -> bool:
        return self.status in Status.in_force()

    def lawful_basis_lines(self) -> list[str]:
        lines = [self.get_article6_basis_display()]
        if self.special_category and self.article9_condition:
            lines.append(self.get_article9_condition_display())
        if self.criminal_offence and self.article10_condition:
            lines.append(
                _("Art 10 / DPA 2018 Sch 1: %(condition)s")
                % {"condition": self.article10_condition}
            )
        return lines


class Partner(models.Model):
    """A partner organisation. Its name is public; its contact is not."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=300)
    role = models.CharField(
        max_length=100,
        blank=True,
        help_text="e.g. joint controller, controller, processor.",
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class AgreementEventKind(models.TextChoices):
    CREATED = "created", "Created"
    EDIT = "edit", "Edited"
    ADD_PARTNER = "add_partner", "Partner added"
    SUBMIT = "submit", "Sent to the IG manager"
    RETURN_TO_DRAFT = "return_to_draft", "Returned to draft"
    AGREE = "agree", "Agreed by the IG manager"
    SIGN = "sign", "Signed"
    DECLINE = "decline", "Signature declined"
    REVIEW_FELL_DUE = "review_fell_due", "Review fell due"
    RENEW = "renew", "Reviewed and renewed"
    TERMINATE = "terminate", "Terminated"
    EXPIRED = "expired", "Expired"


class AgreementEvent(TimelineEvent):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=AgreementEventKind.choices)

    class Meta(TimelineEvent.Meta):
        pass


class ReferenceCounter(models.Model):
    """Last reference number issued per prefix and year (ISA-2026-007), taken under a row lock."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="sharing_reference_once")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


# --- DPIAs ----------------------------------------------------------------------------------


class DpiaStatus(models.TextChoices):
    SCREENING = "screening", "Screening"
    NOT_REQUIRED = "not_required", "Full DPIA not required"
    ASSESSMENT = "assessment", "Assessment in progress"
    DPO_REVIEW = "dpo_review", "With the DPO"
    PRIOR_CONSULTATION = "prior_consultation", "ICO prior consultation (Art 36)"
    COMPLETED = "completed", "Completed"


# The ICO's screening criteria ("When do we need to do a DPIA?"): any one met means a full DPIA.
SCREENING_QUESTIONS = {
    "special_category_large_scale": "Special-category or criminal-offence data on a large scale",
    "systematic_monitoring": "Systematic monitoring of people, or of a publicly accessible area",
    "new_technology": "Innovative technology, or a new use of existing technology",
    "automated_decisions": "Automated decisions or profiling with legal or similar effects",
    "vulnerable_people": "Data about children or other vulnerable people",
    "matching": "Combining, comparing or matching data from several sources",
    "invisible_processing": "Processing people are not told about (data not from them)",
    "denial_of_service": "Decisions about access to a service, opportunity or benefit",
    "tracking": "Tracking people's location or behaviour",
}


class Likelihood(models.IntegerChoices):
    REMOTE = 1, "Remote"
    POSSIBLE = 2, "Possible"
    PROBABLE = 3, "Probable"


class Severity(models.IntegerChoices):
    MINIMAL = 1, "Minimal"
    SIGNIFICANT = 2, "Significant"
    SEVERE = 3, "Severe"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


def risk_level(likelihood: int, severity: int) -> str:
    """The ICO's likelihood × severity matrix: 1–2 low, 3–4 medium, 6–9 high."""
    score = likelihood * severity
    if score >= 6:
        return RiskLevel.HIGH
    return RiskLevel.MEDIUM if score >= 3 else RiskLevel.LOW


class Dpia(VersionedRecord):
    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=300)
    project = models.CharField(max_length=300, help_text="The project or system it supports.")
    description = models.TextField(help_text="The nature, scope, context and purposes.")
    agreements = models.ManyToManyField(Agreement, blank=True, related_name="dpias")
    lead_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="dpias"
    )
    status = models.CharField(
        max_length=20, choices=DpiaStatus.choices, default=DpiaStatus.SCREENING, db_index=True
    )
    screening_answers = models.JSONField(default=list, blank=True)
    screening_notes = models.TextField(blank=True)
    full_dpia_required = models.BooleanField(null=True)
    dpo_assessment = models.TextField(blank=True)
    residual_risk = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    dpo_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dpo_at = models.DateTimeField(null=True, blank=True)
    prior_consultation_required = models.BooleanField(default=False)
    ico_reference = models.CharField(max_length=50, blank=True)
    prior_consultation_outcome = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[agreements])

    class Meta:
        ordering = ["reference"]
        verbose_name = "DPIA"

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def screening_labels(self) -> list[str]:
        return [
            SCREENING_QUESTIONS[key] for key in self.screening_answers if key in SCREENING_QUESTIONS
        ]


class DpiaRisk(models.Model):
    dpia = models.ForeignKey(Dpia, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField(choices=Likelihood.choices)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    mitigation = models.TextField()
    residual = models.CharField(
        max_length=10, choices=RiskLevel.choices, help_text="The risk left after the mitigation."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.description[:80]

    @property
    def level(self) -> str:
        return risk_level(self.likelihood, self.severity)

    def get_level_display(self) -> str:
        return RiskLevel(self.level).label


class DpiaEventKind(models.TextChoices):
    CREATED = "created", "Created"
    SCREEN = "screen", "Screened"
    ADD_RISK = "add_risk", "Risk added"
    LINK_AGREEMENT = "link_agreement", "Agreement linked"
    SUBMIT = "submit", "Sent to the DPO"
    RETURN = "return", "Returned by the DPO"
    ASSESS = "assess", "Assessed by the DPO"
    RECORD_ICO_OUTCOME = "record_ico_outcome", "ICO consultation outcome recorded"


class DpiaEvent(TimelineEvent):
    dpia = models.ForeignKey(Dpia, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=DpiaEventKind.choices)

    class Meta(TimelineEvent.Meta):
        pass
