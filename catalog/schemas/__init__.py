"""marshmallow schemas at the HTTP boundary, one module per area."""
