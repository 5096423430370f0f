"""The signed-in user's notifications: the list, one notification, mark all read.

A notification only ever shows its own recipient, and opening the record it is about goes
through that record's access rules: a notification never grants access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisation import access, notifications
from organisation.models import Notification

PER_PAGE = 25


@login_required
def notification_list(request):
    page = Paginator(notifications.for_user(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisation/notifications.html",
        {"page_obj": page, "unread": notifications.unread_count(request.user)},
    )


def _can_open(user, notification: Notification) -> bool:
    if not notification.link_url:
        return False
    if notification.link_content_type_id is None:
        return True  # a list page, which checks the user's role itself
    target = notification.link_object
    return target is not None and access.can(user, "view", target)


@login_required
def notification_detail(request, uuid):
    # Someone else's notification is "not found", so its existence cannot be probed.
    notification = get_object_or_404(Notification, uuid=uuid, recipient=request.user)
    notifications.mark_read(notification)
    return render(
        request,
        "organisation/notification_detail.html",
        {"notification": notification, "can_open": _can_open(request.user, notification)},
    )


@login_required
@require_POST
def notification_mark_all_read(request):
    count = notifications.mark_all_read(request.user)
    if count:
        messages.success(
            request, f"{count} notification{'' if count == 1 else 's'} marked as read."
        )
    return redirect("notifications")
