"""Compile a market and model to clauses, then configure, validate and explain with python-sat.

Offers `Engine` (configure, validate, offers) and the plain answers in `results`.
"""
