from django.conf import settings

from organisation.navigation import nav_items


def council(request):
    return {
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "nav_items": nav_items(request.user, request.path) if hasattr(request, "user") else [],
    }
