"""Review of the rules for engineers: analysis and findings, exact counts, rule tests, and what a
rule or a change of the rules does.

Offers `analysis.analyse` / `cached_analysis` (per market and model, with `findings.Analysis`
and its `Finding`s judged in `judging`), `counting.count_space` (exact counts by BDD),
`ruletests.load_cases` / `run_cases` (the example orders of rules/tests/), `impact.rule_effect`
(what one rule blocks) and `impact.compare` / `rejected` / `rules_at` (what a change does), and
`reporting.text_report` / `markdown_report`. The SAT questions behind the analysis are asked of
`probe.Probe` through `possible` and `causes`.
"""
