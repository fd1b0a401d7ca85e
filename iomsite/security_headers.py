"""Headers Django does not set itself."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """A restrictive Permissions-Policy on every response: the site needs no device features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
