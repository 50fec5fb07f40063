"""Pages for people: login, the configurator, orders, the catalogue, export figures and the rule
review. Every page blueprint is registered here, and only here.

Every page extends templates/base.html; `navigation.nav_links()` decides which links a role sees
(from catalog.roles), showing a page's link once its blueprint is registered.
"""

from __future__ import annotations

from flask import Flask

from . import (
    account,
    catalogue,
    configurator,
    configure_compare,
    configure_start,
    exports,
    filters,
    home,
    navigation,
    order_reopen,
    orders,
    problems,
    quote_problems,
    quotes,
    rates,
    review,
)


def init_app(app: Flask) -> None:
    app.register_blueprint(home.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(configurator.bp)
    app.register_blueprint(configure_start.bp)
    app.register_blueprint(configure_compare.bp)
    app.register_blueprint(orders.bp)
    app.register_blueprint(order_reopen.bp)
    app.register_blueprint(catalogue.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(review.bp)
    quotes.init_app(app)  # quote pages and the order page's revisions section (issue 16)
    app.register_blueprint(rates.bp)
    navigation.init_app(app)
    filters.init_app(app)
    problems.init_app(app)
    quote_problems.init_app(app)
