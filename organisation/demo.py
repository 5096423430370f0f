"""The demo council: structure and one user per role. Used by `seed_demo` only."""

import base64
import hashlib

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.models import Directorate, Role, ServiceArea, User

DEMO_PASSWORD = "council-demo-2026"  # noqa: S105 - printed on purpose: demo data only

STRUCTURE = {
    "Place": ["Planning and Building Control", "Environmental Health", "Waste and Street Scene"],
    "People": ["Adult Social Care", "Children's Services", "Housing"],
    "Resources": ["Revenues and Benefits", "Legal and Democratic Services"],
}

# username, first, last, role, job title, directorate, service areas
USERS = [
    ("ig.officer", "Priya", "Shah", Role.IG_OFFICER, "Information Governance Officer", None, []),
    (
        "ig.manager",
        "Tom",
        "Hughes",
        Role.IG_MANAGER,
        "Information Governance Manager (DPO)",
        None,
        [],
    ),
    (
        "planning.officer",
        "Aisha",
        "Begum",
        Role.SERVICE_OFFICER,
        "Link officer, Planning",
        None,
        ["Planning and Building Control"],
    ),
    (
        "housing.officer",
        "Gareth",
        "Jones",
        Role.SERVICE_OFFICER,
        "Link officer, Housing",
        None,
        ["Housing"],
    ),
    ("director.place", "Helen", "Carter", Role.DIRECTOR, "Service Director, Place", "Place", []),
    ("director.people", "Marcus", "Reid", Role.DIRECTOR, "Service Director, People", "People", []),
    ("siro", "Sarah", "Okafor", Role.SIRO, "Director of Legal and SIRO", None, []),
    ("manager", "David", "Lee", Role.MANAGER, "Head of Corporate Performance", None, []),
    ("place.manager", "Emma", "Walsh", Role.MANAGER, "Head of Service, Place", "Place", []),
    ("admin", "Alex", "Morgan", Role.ADMINISTRATOR, "Systems Administrator", None, []),
    ("staff", "Chris", "Evans", Role.STAFF, "Customer Services Adviser", None, []),
]


@transaction.atomic
def seed_structure() -> list[User]:
    """Create (or bring back to the demo state) the council and its users. Safe to rerun."""
    areas = {}
    for directorate_name, area_names in STRUCTURE.items():
        directorate, _ = Directorate.objects.get_or_create(name=directorate_name)
        for name in area_names:
            areas[name], _ = ServiceArea.objects.get_or_create(directorate=directorate, name=name)
    users = []
    for username, first, last, role, title, directorate_name, area_names in USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name, user.role, user.job_title = first, last, role, title
        user.email = f"{username}@council.example"
        user.directorate = (
            Directorate.objects.get(name=directorate_name) if directorate_name else None
        )
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.service_areas.set([areas[name] for name in area_names])
        users.append(user)
    return users


def seed_two_factor(users) -> dict[str, str]:
    """Give each demo user an authenticator-app device with a fixed secret, so the demo works
    with two-factor sign-in on (STAFF_2FA_REQUIRED): `seed_demo` prints each secret, to add to
    an authenticator app (or to compute codes with e.g. `oathtool --totp -b SECRET`). Fixed,
    so a rerun does not break an app already set up. Demo data only."""
    secrets = {}
    for user in users:
        key = hashlib.sha1(f"demo-totp:{user.username}".encode()).hexdigest()  # noqa: S324
        TOTPDevice.objects.filter(user=user).exclude(key=key).delete()
        TOTPDevice.objects.update_or_create(
            user=user, key=key, defaults={"name": "Demo authenticator", "confirmed": True}
        )
        secrets[user.username] = base64.b32encode(bytes.fromhex(key)).decode()
    return secrets
