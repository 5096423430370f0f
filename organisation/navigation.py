"""The navigation each role sees. Only pages the role may open are listed."""

from django.urls import reverse

from organisation.models import Role

_IG = [
    ("Request queue", "requests:queue"),
    ("Complaints", "requests:complaints"),
    ("Dashboard", "reports:dashboard"),
    ("Email problems", "outbox:problems"),
]
NAV_BY_ROLE = {
    Role.IG_OFFICER: _IG,
    Role.IG_MANAGER: _IG,
    Role.SERVICE_OFFICER: [("My service areas' cases", "requests:inbox")],
    Role.DIRECTOR: [
        ("Authorisations", "requests:authorisations"),
        ("Dashboard", "reports:dashboard"),
    ],
    Role.MANAGER: [("Dashboard", "reports:dashboard")],
    Role.SIRO: [("Dashboard", "reports:dashboard")],
    Role.ADMINISTRATOR: [("Administration", "admin:index")],
}
REPORT_BREACH = ("Report a breach", "breaches:report")


def nav_items(user, current_path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = [*NAV_BY_ROLE.get(user.role, []), REPORT_BREACH]
    result = []
    for label, name in items:
        url = reverse(name)
        result.append({"label": label, "url": url, "active": current_path.startswith(url)})
    return result
