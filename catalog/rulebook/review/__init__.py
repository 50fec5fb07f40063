"""Review of the rules for engineers: analysis and findings, exact counts, rule tests, and what a
rule or a change of the rules does.
"""
