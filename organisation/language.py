"""The page language: English unless the visitor chose Welsh with the switch in the header.

Django's LocaleMiddleware, except that only the language cookie (set by Django's set_language
view, the switch) decides, never the browser's Accept-Language: staff pages stay English
whatever a computer is set to, and every visitor sees the same page until they choose. The
choice is then remembered for a year."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    """The supported language in the cookie, or the default (English)."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:  # an altered or out-of-date cookie
            pass
    return settings.LANGUAGE_CODE


class LanguageCookieMiddleware(LocaleMiddleware):
    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The page depends on the cookie (not on Accept-Language): caches must keep them apart.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
