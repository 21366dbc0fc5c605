"""co-perpetrators: the actors a claim names together with its perpetrator as the attackers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

"قوات النظام وروسيا" (regime forces and Russia) names two attackers: the claim's perpetrator is
the first, `claims.co_perpetrators` lists the others (their evidence is in `claims.evidence`
under the same key). Claims stored before this revision have none (null), as they were read.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("co_perpetrators", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("co_perpetrators")
