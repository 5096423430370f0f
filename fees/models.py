"""Cost estimates, aggregation groups and fees notices on request cases.

Every change to them happens through a case action (fees/transitions.py), so the case's
timeline, version and history record it. Estimates are never edited: a new estimate is a new
row and the latest one counts, so the working behind any notice stays as it was."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from requests_app.models import Case, Correspondence


class AggregationGroup(models.Model):
    """Requests an officer has confirmed may be aggregated (FOIA s12(4), Fees Regs reg 5)."""

    class Basis(models.TextChoices):
        SAME_REQUESTER = "same_requester", "Made by the same person"
        IN_CONCERT = "in_concert", "Different people who appear to be acting in concert"
        CAMPAIGN = "campaign", "Different people in pursuance of a campaign"

    basis = models.CharField(max_length=20, choices=Basis.choices)
    reason = models.TextField(
        help_text="How the requests relate to the same or similar information."
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Aggregation group {self.pk}"


class AggregationMember(models.Model):
    group = models.ForeignKey(AggregationGroup, on_delete=models.CASCADE, related_name="members")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="aggregation")

    def __str__(self):
        return f"{self.case.reference} in group {self.group_id}"


class Estimate(models.Model):
    """A cost estimate for a case, or for its aggregation group (then `requests` > 1)."""

    class SarBasis(models.TextChoices):
        NONE = "", "None: the request is free"
        UNFOUNDED = "unfounded", "Manifestly unfounded"
        EXCESSIVE = "excessive", "Manifestly excessive"
        REPEAT = "repeat", "A repeat request"
        FURTHER_COPIES = "further_copies", "Further copies"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="estimates")
    group = models.ForeignKey(
        AggregationGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="estimates"
    )
    requests = models.PositiveIntegerField(default=1)
    determining_hours = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    locating_hours = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    retrieving_hours = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    extracting_hours = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    recorded_minutes = models.JSONField(default=dict, help_text="Minutes recorded per activity.")
    adjustment_reason = models.TextField(blank=True)
    hourly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    appropriate_limit = models.DecimalField(max_digits=9, decimal_places=2)
    sheets = models.PositiveIntegerField(default=0)
    pence_per_sheet = models.PositiveIntegerField()
    postage = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0"))
    format_hours = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    inspection_only = models.BooleanField(default=False)
    vat_applies = models.BooleanField(default=False)
    vat_percent = models.DecimalField(max_digits=5, decimal_places=2)
    de_minimis = models.DecimalField(max_digits=7, decimal_places=2)
    charge_over_limit = models.BooleanField(default=False)
    sar_basis = models.CharField(max_length=20, choices=SarBasis.choices, blank=True)
    # The result as it was worked out when the estimate was made.
    staff_cost = models.DecimalField(max_digits=10, decimal_places=2)
    over_limit = models.BooleanField()
    group_total = models.DecimalField(max_digits=10, decimal_places=2)
    charge = models.DecimalField(max_digits=10, decimal_places=2)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self):
        return f"Estimate for {self.case.reference}: £{self.charge}"

    @property
    def hours(self) -> dict[str, Decimal]:
        return {
            "determining": self.determining_hours,
            "locating": self.locating_hours,
            "retrieving": self.retrieving_hours,
            "extracting": self.extracting_hours,
        }


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CASH = "cash", "Cash"
    CHEQUE = "cheque", "Cheque"


class FeeNotice(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", "Awaiting payment"
        PAID = "paid", "Paid"
        WAIVED = "waived", "Waived"
        CANCELLED = "cancelled", "Cancelled"
        LAPSED = "lapsed", "Lapsed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="fee_notices")
    estimate = models.ForeignKey(Estimate, on_delete=models.PROTECT, related_name="notices")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ISSUED)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    lines = models.JSONField(default=list, help_text="The breakdown: [label, amount] pairs.")
    vat = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    notes = models.JSONField(default=list)
    issued_on = models.DateField(db_index=True)
    pay_by = models.DateField(db_index=True)
    # The state the case goes back to when the fee is paid, waived or the notice cancelled.
    resume_status = models.CharField(max_length=30)
    letter = models.OneToOneField(
        Correspondence, on_delete=models.PROTECT, null=True, blank=True, related_name="fee_notice"
    )
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices, blank=True)
    payment_received_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(
        null=True, blank=True, help_text="The day the fee counts as received (a cheque: cleared)."
    )
    closed_reason = models.TextField(blank=True, help_text="Why it was waived or cancelled.")
    closed_on = models.DateField(null=True, blank=True, db_index=True)
    reminders_sent = models.JSONField(default=list, help_text="Days-before-lapse already reminded.")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="issued"), name="one_outstanding_fee_notice"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_notice_amount_positive"),
        ]

    def __str__(self):
        return f"Fees notice {self.case.reference}: £{self.amount}"
