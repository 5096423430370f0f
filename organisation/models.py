"""The council's structure and its staff: who works where, in which role."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Directorate(models.Model):
    name = models.CharField(max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceArea(models.Model):
    name = models.CharField(max_length=200)
    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, related_name="service_areas"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["directorate__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["directorate", "name"], name="unique_area_name")
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    IG_OFFICER = "ig_officer", "IG officer"
    IG_MANAGER = "ig_manager", "IG manager (DPO)"
    SERVICE_OFFICER = "service_officer", "Service-area officer"
    DIRECTOR = "director", "Director"
    SIRO = "siro", "SIRO / Director of Legal"
    MANAGER = "manager", "Manager (read-only dashboard)"
    ADMINISTRATOR = "administrator", "Administrator"
    STAFF = "staff", "Other staff member"


class User(AbstractUser):
    """A member of staff. One role each; scope comes from directorate and service areas.

    Scope rules (enforced in organisation.access, never in views):
    - service-area officer: the service areas they are a member of;
    - director: their directorate;
    - manager: their directorate, or the whole council when directorate is empty.
    """

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.STAFF)
    directorate = models.ForeignKey(
        Directorate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="Directors: the directorate they lead. Managers: leave empty for council-wide.",
    )
    service_areas = models.ManyToManyField(
        ServiceArea,
        blank=True,
        related_name="officers",
        help_text="Service-area officers: the areas whose cases they see.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[service_areas])

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class Heartbeat(models.Model):
    """Last time each periodic task ran, written by the worker and read by /healthz."""

    name = models.CharField(max_length=100, unique=True)
    last_run = models.DateTimeField()
    worker = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.name} @ {self.last_run:%Y-%m-%d %H:%M:%S}"


class Escalation(models.Model):
    """One reminder, alert or escalation about one object, stored so it happens once.

    The unique key is (object, kind, level, window): a sweep that runs twice, two workers running
    the same sweep at once, or a retry after a crash all try to insert the same row, and only
    one insert can succeed. The Notifications it causes are written in the same transaction, so
    either both exist or neither does (see workflow.escalations).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=50)
    level = models.PositiveSmallIntegerField(default=1)
    # What makes a second escalation of the same kind and level a new one: the due date it is
    # about (a moved date is a new window), the day (daily) or the ISO week (weekly).
    window_key = models.CharField(max_length=40)
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "level", "window_key"],
                name="escalation_once_per_window",
            )
        ]

    def __str__(self):
        return f"{self.kind} level {self.level} ({self.window_key}) for {self.object_id}"


class Notification(models.Model):
    """A message to one member of staff: listed in the app and emailed through the outbox.

    Its email, if `email_to` has an address, is an OutgoingEmail in the outbox (workflow),
    written in the same transaction; the outbox records whether and when it went. The text is
    rendered when the notification is written, so it says what was true then, like a letter.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    escalation = models.ForeignKey(
        Escalation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(max_length=50)
    subject = models.CharField(max_length=300)
    reason = models.CharField(max_length=500, help_text="Why this person was told.")
    body_text = models.TextField()
    body_html = models.TextField()
    # Where "open" leads, and the object behind it: opening checks the recipient may still see
    # it, so a notification never grants access to anything.
    link_url = models.CharField(max_length=500, blank=True)
    link_content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    link_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    link_object = GenericForeignKey("link_content_type", "link_object_id")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_to = models.EmailField(blank=True, help_text="Empty: shown in the app only.")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "recipient"], name="notify_once_per_escalation"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
