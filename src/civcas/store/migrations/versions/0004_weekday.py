"""weekday: the weekday a report gives an incident it cannot date

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

"Today, Friday, warplanes struck ..." in a report without a publication date: the claim has no
date, but `claims.weekday` (Monday = 0; its evidence in `claims.evidence` under "weekday")
tells linking whether two undated claims can be of one day. Claims stored before this revision
have none (null), as they were read.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("weekday", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("weekday")
