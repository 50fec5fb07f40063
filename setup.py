"""Build configuration beyond pyproject.toml: the top-level templates/, rules/ and data/ folders
travel in the wheel as catalog/templates, catalog/rules and catalog/data (see catalog/paths.py).

pyproject.toml cannot add mapped folders to a package search, so the package list is made here.
"""

from setuptools import find_packages, setup

SHIPPED = {"catalog.templates": "templates", "catalog.rules": "rules", "catalog.data": "data"}

setup(
    packages=[*find_packages(include=["catalog", "catalog.*"]), *SHIPPED],
    package_dir=SHIPPED,
)
