"""The council's structure and its staff: who works where, in which role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
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
