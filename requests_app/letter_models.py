"""Letter templates the council edits in the admin (composed by requests_app.letter_templates)."""

from django.db import models
from simple_history.models import HistoricalRecords


class LetterKind(models.TextChoices):
    """The letters a case sends. A response letter is one of three by its outcome."""

    RECEIPT = "receipt", "Receipt (sent at once by the online form and email intake)"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    CLARIFICATION = "clarification", "Request for clarification"
    ID_REQUEST = "id_request", "Request for proof of identity"
    EXTENSION = "extension", "Extension notice"
    RESPONSE = "response", "Response: information given (in full or by other means)"
    REFUSAL = "refusal", "Response: refusal notice (in part or in full)"
    NOT_HELD = "not_held", "Response: information not held"
    REVIEW_RESPONSE = "review_response", "Internal review response"


class LetterRegime(models.TextChoices):
    """Which requests a template is for; the most specific one that exists is used."""

    ALL = "", "Every regime (used when none below matches)"
    FOI = "foi", "Freedom of Information"
    EIR = "eir", "Environmental Information"
    DATA_PROTECTION = "dp", "Every data-protection right (SAR, erasure, rectification…)"
    SAR = "sar", "Subject access only"


class LetterLanguage(models.TextChoices):
    """A template is written in one language; a bilingual letter joins the Welsh and the
    English template of the same kind (Welsh first)."""

    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh (Cymraeg)"


class LetterTemplate(models.Model):
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    regime = models.CharField(max_length=5, choices=LetterRegime.choices, blank=True)
    language = models.CharField(
        max_length=2, choices=LetterLanguage.choices, default=LetterLanguage.ENGLISH
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "regime", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "regime", "language"], name="one_letter_template_per_kind"
            )
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} – {self.get_regime_display()} – "
            f"{self.get_language_display()}"
        )
