"""The navigation each role sees. Only pages the role may open are listed."""

from django.urls import reverse

from organisation.models import Role

_IG = [
    ("Request queue", "requests:queue"),
    ("Complaints", "requests:complaints"),
    ("Fees register", "fees:register"),
    ("Dashboard", "reports:dashboard"),
    ("Email problems", "outbox:problems"),
]
NAV_BY_ROLE = {
    Role.IG_OFFICER: _IG,
    Role.IG_MANAGER: [
        *_IG,
        ("Sign-in records", "sign_in_records"),
        ("Retention", "retention:runs"),
    ],
    Role.SERVICE_OFFICER: [("My service areas' cases", "requests:inbox")],
    Role.DIRECTOR: [
        ("Authorisations", "requests:authorisations"),
        ("Dashboard", "reports:dashboard"),
    ],
    Role.MANAGER: [("Dashboard", "reports:dashboard")],
    Role.SIRO: [("Dashboard", "reports:dashboard"), ("Sign-in records", "sign_in_records")],
    Role.ADMINISTRATOR: [("Administration", "admin:index")],
}
REPORT_BREACH = ("Report a breach", "breaches:report")
# The breach register: the DPO and the SIRO only (breaches.access.BREACH_TEAM).
BREACH_REGISTER = ("Breaches", "breaches:register")
BREACH_REGISTER_ROLES = frozenset({Role.IG_MANAGER, Role.SIRO})
SHARING = ("Sharing agreements", "sharing:agreements")
SHARING_ROLES = frozenset(
    {
        Role.IG_OFFICER,
        Role.IG_MANAGER,
        Role.SIRO,
        Role.DIRECTOR,
        Role.SERVICE_OFFICER,
        Role.MANAGER,
    }
)


def nav_items(user, current_path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = [*NAV_BY_ROLE.get(user.role, [])]
    if user.role in BREACH_REGISTER_ROLES:
        items.append(BREACH_REGISTER)
    if user.role in SHARING_ROLES:
        items.append(SHARING)
    items.append(REPORT_BREACH)
    result = []
    for label, name in items:
        url = reverse(name)
        # The register's address is a prefix of the report page's: the longer match wins.
        active = current_path.startswith(url) and not (
            name == BREACH_REGISTER[1] and current_path.startswith(reverse(REPORT_BREACH[1]))
        )
        result.append({"label": label, "url": url, "active": active})
    return result
