"""Pages. Views parse, call a queryset or a service, and render; htmx requests get partials."""
