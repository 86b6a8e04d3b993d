"""Read models too big for one queryset method: browse filters and facets, figure timelines, charts."""
