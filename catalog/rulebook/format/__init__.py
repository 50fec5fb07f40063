"""Read and check rule files into the frozen model (`..model`), every item with its path:line.

Offers `load_rulebook`, `rules_version`, `RulebookError` and `Problem`.
"""
