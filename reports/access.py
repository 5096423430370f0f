"""Who sees which figures: the scope of a report for a user.

- IG officers and managers, the SIRO and a council-wide manager see the whole council and may
  narrow it to one directorate (`?directorate=`).
- A director, and a manager with a directorate, see only their directorate; the parameter is
  ignored for them, so a link cannot widen it.
Scoping uses the rule of requests_app.access: a case belongs to a directorate while one of the
directorate's service areas has an active assignment on it.

Counts include data-protection cases for every dashboard role (managers may see how many there
are). Lists never show more than `cases_visible_to(user)` allows, and never a case not yet
classified (it may be a subject access request) to anyone outside IG: such rows show the
reference, regime, status and dates only, with no link to the case (reports.views.drill_down).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisation import access
from organisation.models import Directorate, Role


@dataclass(frozen=True)
class Scope:
    directorate_id: int | None  # None: the whole council
    directorate_name: str
    locked: bool  # the user's role fixes the scope

    @property
    def label(self) -> str:
        return self.directorate_name or "Whole council"


def scope_for(user, params) -> Scope:
    fixed = access.directorate_scope(user)
    if fixed is not None:
        return Scope(fixed, user.directorate.name, locked=True)
    if access.has_role(user, Role.DIRECTOR):
        raise PermissionDenied("Your account has no directorate, so there is nothing to report.")
    value = params.get("directorate", "")
    if not value:
        return Scope(None, "", locked=False)
    if not value.isdigit():
        raise Http404("No such directorate.")
    directorate = Directorate.objects.filter(pk=int(value)).first()
    if directorate is None:
        raise Http404("No such directorate.")
    return Scope(directorate.pk, directorate.name, locked=False)
