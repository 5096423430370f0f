from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from organisation import access


class Widget(SimpleNamespace):
    """A stand-in object type with a registered policy: only its area's officers may edit."""


def widget_policy(user, action, obj):
    return action == "edit" and obj.area_id in access.service_area_ids(user)


@pytest.fixture(autouse=True)
def _widget_policy():
    access.register_policy(Widget, widget_policy)
    yield
    access._policies.pop(Widget, None)


def test_policy_allows_within_scope_and_refuses_outside(cast, org):
    widget = Widget(area_id=org.area_a.id)
    assert access.can(cast.officer_a, "edit", widget)
    assert not access.can(cast.officer_b, "edit", widget)
    assert not access.can(cast.officer_a, "delete", widget)
    with pytest.raises(PermissionDenied):
        access.check(cast.officer_b, "edit", widget)


def test_unknown_object_types_and_anonymous_users_are_refused(cast, org):
    assert not access.can(cast.ig_manager, "view", object())
    assert not access.can(AnonymousUser(), "edit", Widget(area_id=org.area_a.id))


def test_inactive_user_is_refused_even_within_scope(cast, org):
    cast.officer_a.is_active = False
    assert not access.can(cast.officer_a, "edit", Widget(area_id=org.area_a.id))


def test_roles_and_scopes(cast, org):
    assert access.is_ig(cast.ig_officer) and access.is_ig(cast.ig_manager)
    assert not access.is_ig(cast.officer_a)
    assert access.is_ig_manager(cast.ig_manager) and not access.is_ig_manager(cast.ig_officer)
    assert access.service_area_ids(cast.officer_a) == {org.area_a.id}
    assert access.service_area_ids(AnonymousUser()) == frozenset()
    assert access.directorate_scope(cast.director) == org.place.id
    assert access.directorate_scope(cast.manager_place) == org.place.id
    assert access.directorate_scope(cast.manager) is None
    # An IG officer is not limited by directorate even if one is recorded against them.
    cast.ig_officer.directorate = org.people
    assert access.directorate_scope(cast.ig_officer) is None
