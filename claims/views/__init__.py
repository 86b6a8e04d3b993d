"""Pages. Views parse, call a queryset or a service, and render; htmx requests get partials."""

from .pages import healthz, home

__all__ = ["healthz", "home"]
