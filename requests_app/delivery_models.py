"""What a response carried to the requester: each released document and how it went (attached
to the email, by private download link, in the printed bundle, or separately by post), and the
requester's download links."""

from django.db import models

from requests_app.models import Case, Correspondence, Document


class ReleaseLink(models.Model):
    """A private download link for the documents too large to attach.

    The token is a random value stored here rather than a signed one (django.core.signing):
    its expiry is fixed when it is sent (a later change of RELEASE_LINK_DAYS does not lengthen
    or cut short links already in requesters' hands), it does not stop working when the
    SECRET_KEY is rotated, and the documents it opens are exactly the rows below, so a link can
    reach nothing else. It is not hashed: the letter sent to the requester, kept on the case,
    carries it anyway."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="release_links")
    letter = models.OneToOneField(
        Correspondence, on_delete=models.CASCADE, related_name="release_link"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.case.reference}: link until {self.expires_at:%d %B %Y}"


class Enclosure(models.Model):
    class Method(models.TextChoices):
        ATTACHED = "attached", "Attached to the email"
        LINKED = "linked", "By download link"
        BUNDLE = "bundle", "Printed with the letter"
        SEPARATELY = "separately", "Sent separately by post"

    letter = models.ForeignKey(Correspondence, on_delete=models.CASCADE, related_name="enclosures")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="enclosures")
    method = models.CharField(max_length=20, choices=Method.choices)

    class Meta:
        ordering = ["letter", "id"]
        constraints = [models.UniqueConstraint(fields=["letter", "document"], name="enclosed_once")]

    def __str__(self):
        return f"{self.document} ({self.get_method_display()})"
