"""Quote arithmetic and terms, plain data: exact money (integer fen, stated rounding), the
currencies, Incoterms, charge kinds and discount limits. No Flask, no SQL; the schemas, the
quote service and the quote PDF all read it."""
