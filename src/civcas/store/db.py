"""Opening a ledger: a SQLite file by default, PostgreSQL for teams; always migrated to head."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

DEFAULT_DB = "civcas.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL of `db`: a URL as given (postgresql:// uses psycopg 3), else a path to
    a SQLite file; None reads $CIVCAS_DB, then `civcas.db` in the current folder."""
    db = str(db) if db is not None else os.environ.get("CIVCAS_DB", DEFAULT_DB)
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    for plain in ("postgresql://", "postgres://"):
        if db.startswith(plain):
            return "postgresql+psycopg://" + db[len(plain) :]
    return db


def open_engine(db: str | os.PathLike[str] | None = None) -> Engine:
    """An engine on the ledger, its schema upgraded to the latest migration."""
    url = database_url(db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """Foreign keys on; wait for a concurrent writer instead of failing at once."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Run the migrations the ledger lacks (none when it is up to date)."""
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
