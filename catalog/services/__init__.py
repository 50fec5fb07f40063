"""Domain services below the blueprints: the pages, the API and the CLI call these alike.

No request parsing and no templates here; each module raises `catalog.errors` classes.
"""
