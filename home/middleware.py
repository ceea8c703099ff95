from django.views.defaults import bad_request

# Longer query strings than any form of ours produces are refused before they reach a view.
MAX_QUERY_STRING_LENGTH = 4096


class RejectHugeQueryStringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING_LENGTH:
            return bad_request(request, exception=None)
        return self.get_response(request)
