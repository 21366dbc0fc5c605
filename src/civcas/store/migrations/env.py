"""Alembic environment: migrations run on the connection civcas hands over (see store/db.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from civcas.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line: a URL in sqlalchemy.url
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=target_metadata)
            context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("civcas migrations run online only: civcas upgrades the ledger it opens")
run_migrations_online()
