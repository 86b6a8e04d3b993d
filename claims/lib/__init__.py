"""Django-light helpers, each tested on its own: fetching, web page reading, search syntax,
highlighting, keyset paging, CSV writing, figure keys."""
