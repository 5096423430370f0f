from django.conf import settings

from organisation.navigation import nav_items


def council(request):
    return {
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
        "COUNCIL_ADDRESS": settings.COUNCIL_ADDRESS,
        "OIDC_ENABLED": settings.OIDC_ENABLED,
        "OIDC_BUTTON_LABEL": settings.OIDC_BUTTON_LABEL,
        "nav_items": nav_items(request.user, request.path) if hasattr(request, "user") else [],
    }
