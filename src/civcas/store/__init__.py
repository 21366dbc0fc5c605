"""The ledger: reports, claims, incidents, links and history in SQLite or PostgreSQL."""
