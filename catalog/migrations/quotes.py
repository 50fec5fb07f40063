"""Exchange rates, quotes (drafts and their sent revisions) and the quote events (approvals).

CHECK constraints and a trigger are the last line of defence behind the schemas and services:
a rate is positive, a currency is on the list, and a sent revision's content, figures and PDF
can never be changed, whatever the code above does. Never edit an applied migration; add one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("catalog.quotes")


@migrations()
def m001_quotes(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE exchange_rates (
            id INTEGER PRIMARY KEY,
            currency TEXT NOT NULL CHECK (currency IN ('USD', 'KZT', 'UZS', 'KGS', 'TJS', 'TMT')),
            valid_from TEXT NOT NULL,  -- YYYY-MM-DD: applies from this day until the next rate
            rate TEXT NOT NULL CHECK (CAST(rate AS REAL) > 0),  -- Decimal: units per 1 CNY
            source TEXT NOT NULL,  -- where the figure comes from (bank, date of publication)
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        )
        """
    )
    # a correction for the same day is a new row; the newest row of a day wins
    db.execute("CREATE INDEX exchange_rates_lookup ON exchange_rates(currency, valid_from, id)")
    db.execute(
        """
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            revision TEXT,  -- A, B, C ... once sent; NULL while a draft
            status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted')),
            terms TEXT NOT NULL,  -- JSON: currency, dates, incoterm, discounts, charges ...
            rate TEXT NOT NULL,  -- Decimal fixed for the quote date (1 for CNY)
            rate_id INTEGER REFERENCES exchange_rates(id),
            snapshot TEXT,  -- JSON: the order's content when sent (NULL for a draft)
            figures TEXT,  -- JSON: both currencies' lines and totals when sent
            pdf BLOB,  -- the PDF sent to the customer
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL,
            sent_by INTEGER REFERENCES users(id),
            sent_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            CHECK ((status = 'draft') = (revision IS NULL)),
            CHECK (status = 'draft' OR (snapshot IS NOT NULL AND figures IS NOT NULL
                                        AND pdf IS NOT NULL AND sent_at IS NOT NULL)),
            UNIQUE (order_id, revision)
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX quotes_one_draft ON quotes(order_id) WHERE status = 'draft'")
    db.execute(
        """
        CREATE TRIGGER quotes_sent_immutable BEFORE UPDATE ON quotes
        WHEN OLD.status != 'draft' AND (
            NEW.revision IS NOT OLD.revision OR NEW.terms IS NOT OLD.terms
            OR NEW.rate IS NOT OLD.rate OR NEW.snapshot IS NOT OLD.snapshot
            OR NEW.figures IS NOT OLD.figures OR NEW.pdf IS NOT OLD.pdf
            OR NEW.order_id IS NOT OLD.order_id OR NEW.status = 'draft')
        BEGIN
            SELECT RAISE(ABORT, 'a sent quote revision is immutable');
        END
        """
    )
    db.execute(
        """
        CREATE TABLE quote_events (
            id INTEGER PRIMARY KEY,
            quote_id INTEGER NOT NULL REFERENCES quotes(id),
            quote_version INTEGER NOT NULL,  -- the quote's version this event is about
            order_version INTEGER NOT NULL,  -- and the order's: a change to either voids approval
            action TEXT NOT NULL CHECK (action IN
                ('created', 'changed', 'requested', 'approved', 'refused', 'sent', 'accepted')),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX quote_events_quote ON quote_events(quote_id, id)")
