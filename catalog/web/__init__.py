"""Pages for people: login, the configurator, orders and the catalogue (issue 4).

Every page extends templates/base.html; `nav_items()` decides which links a role sees, so the
other page blueprints (exports, rule review) appear in the navigation once they are registered.
"""

from __future__ import annotations

from flask import Flask

from . import account, catalogue, configurator, filters, home, navigation, orders, quotes, rates


def init_app(app: Flask) -> None:
    app.register_blueprint(home.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(configurator.bp)
    app.register_blueprint(orders.bp)
    app.register_blueprint(catalogue.bp)
    quotes.init_app(app)  # quote pages and the order page's revisions section (issue 16)
    app.register_blueprint(rates.bp)
    navigation.init_app(app)
    filters.init_app(app)
