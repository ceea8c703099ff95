from django.utils import translation
from django.views.defaults import bad_request

# Longer query strings than any form of ours produces are refused before they reach a view.
MAX_QUERY_STRING_LENGTH = 4096


class RejectHugeQueryStringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING_LENGTH:
            # This runs before LocaleMiddleware: answer in the language of the address.
            language = translation.get_language_from_path(
                request.path_info
            ) or translation.get_language_from_request(request)
            with translation.override(language):
                return bad_request(request, exception=None)
        return self.get_response(request)
