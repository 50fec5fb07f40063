"""Read and check rule files into the frozen model (`..model`), every item with its path:line.

Offers `loader.load_rulebook`, `loader.rules_version`, `loader.RulebookError` and
`nodes.Problem`. The stages, in order: `nodes` (YAML nodes with their lines),
`catalogue_items` (models, groups, markets, layers), `rules` (one rule, checked against the
catalogue), `facts` (market facts in force whenever a rule reads them), `loader` (the folder,
includes, and every problem at once).
"""
