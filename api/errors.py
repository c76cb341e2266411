"""
The API's errors, each a JSON object {"detail": ..., "errors": [{"parameter": ..., "message": ...}]}: a bad
parameter is a 400 that names it, never a 500 and never the 422 django-ninja answers by default.
"""

from django.http import Http404
from ninja.errors import ValidationError


class BadParameter(Exception):
    """A query parameter the API cannot use; ``parameter`` is its name in the URL."""

    def __init__(self, parameter, message):
        super().__init__(f"{parameter}: {message}")
        self.errors = [{"parameter": parameter, "message": str(message)}]


class BadParameters(BadParameter):
    """Several bad parameters at once, as a FilterSet's form reports them: {name: [messages]}."""

    def __init__(self, form_errors):
        Exception.__init__(self, ", ".join(form_errors))
        self.errors = [{"parameter": name, "message": " ".join(str(m) for m in messages)}
                       for name, messages in form_errors.items()]


def _parameter(location):
    """The parameter named by a pydantic error's location: ("query", "modified_since") or ("query", "x", "from")."""
    names = [str(part) for part in location if part not in ("query", "path", "ninja_pagination", "filters")]
    return names[-1] if names else "request"


def install(api):
    """Answer bad parameters with 400, and Not Found with a JSON 404, on ``api``."""

    @api.exception_handler(BadParameter)
    def bad_parameter(request, exc):
        names = ", ".join(error["parameter"] for error in exc.errors)
        return api.create_response(request, {"detail": f"Bad parameter: {names}", "errors": exc.errors}, status=400)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [{"parameter": _parameter(error.get("loc", ())), "message": error.get("msg", "Invalid value.")}
                  for error in exc.errors]
        return bad_parameter(request, type("Invalid", (), {"errors": errors})())

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Not found.", "errors": []}, status=404)
