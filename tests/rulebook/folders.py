"""Write small rule folders into tmp_path: a valid base, with any file replaced."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

BASE = {
    "catalogue/models.yaml": """
        models:
          - id: truck
            name: Truck
            body: tractor
            axles: 3
            mass: {kind: GCW, t: 40}
            price: 1000
          - id: van
            name: Van
            body: cargo
            axles: 2
            price: 500
    """,
    "catalogue/groups.yaml": """
        groups:
          - id: engine
            options:
              - {id: e2, price: 0, attrs: {emission: 2, torque: 10, fuel: diesel}}
              - {id: e5, price: 100, attrs: {emission: 5, torque: 20, fuel: diesel}}
              - {id: c5, price: 300, attrs: {emission: 5, torque: 20, fuel: cng}}
          - id: gearbox
            options:
              - {id: g10, attrs: {input: 10, speeds: 12}}
              - {id: g20, attrs: {input: 20, speeds: 16}}
          - id: tank
            options:
              - {id: t400, attrs: {capacity: 400, fuel: diesel}}
              - {id: t800, price: 50, attrs: {capacity: 800, fuel: diesel}}
              - {id: cyl, attrs: {capacity: 900, fuel: cng}}
          - id: extras
            optional: true
            options: [{id: fridge, price: 7}, {id: winch, price: 9}]
    """,
    "catalogue/rules.yaml": "rules: []\n",
    "layers/base.yaml": "layer: {id: base}\nrules: []\n",
    "markets/aa.yaml": """
        market: {code: AA, language: ru, attrs: {min_emission: 4}}
        include: [../layers/base.yaml]
        rules: []
    """,
}


def make(root: Path, **files: str) -> Path:
    """A rules folder under root; keyword names are paths: catalogue__rules_yaml."""
    folder = root / "rules"
    contents = dict(BASE)
    contents.update({_path(name): text for name, text in files.items()})
    for name, text in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


def _path(name: str) -> str:
    """catalogue__rules_yaml -> catalogue/rules.yaml"""
    stem, _, suffix = name.replace("__", "/").rpartition("_")
    return f"{stem}.{suffix}"


def rules(text: str) -> str:
    """A catalogue rules file from the YAML list items in `text`."""
    return "rules:\n" + dedent(text).lstrip("\n")
