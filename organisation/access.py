"""The one place that answers "may this user do X (to this object)?".

Role pages use `role_required`. Each app registers one policy per object type with
`register_policy(Model, policy)`; views load objects through the app's `get_<thing>_for_user`
helper, which calls `check(user, action, obj)`. Keeping every rule behind these functions
means a view, an export and a Celery task cannot disagree about who may see a record.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from organisation.models import Role

IG_ROLES = frozenset({Role.IG_OFFICER, Role.IG_MANAGER})
DASHBOARD_ROLES = frozenset(
    {Role.MANAGER, Role.IG_OFFICER, Role.IG_MANAGER, Role.SIRO, Role.DIRECTOR}
)

# Where each role lands after signing in: its own work page.
ROLE_HOME = {
    Role.IG_OFFICER: "requests:queue",
    Role.IG_MANAGER: "requests:queue",
    Role.SERVICE_OFFICER: "requests:inbox",
    Role.DIRECTOR: "requests:authorisations",
    Role.MANAGER: "reports:dashboard",
    Role.SIRO: "reports:dashboard",
    Role.ADMINISTRATOR: "admin:index",
    Role.STAFF: "breaches:report",
}

Policy = Callable[[object, str, object], bool]
_policies: dict[type, Policy] = {}


def has_role(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in roles)


def is_ig(user) -> bool:
    return has_role(user, *IG_ROLES)


def is_ig_manager(user) -> bool:
    return has_role(user, Role.IG_MANAGER)


def service_area_ids(user) -> frozenset[int]:
    """The service areas a user's work is scoped to (cached on the user for the request)."""
    if not (user and user.is_authenticated):
        return frozenset()
    cached = getattr(user, "_service_area_ids", None)
    if cached is None:
        cached = frozenset(user.service_areas.values_list("id", flat=True))
        user._service_area_ids = cached
    return cached


def directorate_scope(user) -> int | None:
    """The directorate a director or directorate manager is limited to; None = council-wide."""
    if has_role(user, Role.DIRECTOR, Role.MANAGER):
        return user.directorate_id
    return None


def home_url_name(user) -> str:
    return ROLE_HOME.get(user.role, "breaches:report")


def register_policy(model: type, policy: Policy) -> None:
    _policies[model] = policy


def can(user, action: str, obj) -> bool:
    """True when `user` may perform `action` on `obj`; unknown object types are refused."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    policy = _policies.get(type(obj))
    return bool(policy and policy(user, action, obj))


def check(user, action: str, obj) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(f"You may not {action.replace('_', ' ')} this record.")


def role_required(*roles: str | Iterable[str]):
    """Decorator for role pages: anonymous users are sent to sign in, wrong roles get 403."""
    allowed: set[str] = set()
    for role in roles:
        allowed.update([role] if isinstance(role, str) else role)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *allowed):
                raise PermissionDenied("Your role does not give you access to this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
