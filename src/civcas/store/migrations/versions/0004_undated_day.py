"""weekday, month_day: what a report gives of the day of an incident it cannot date

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

"Today, Friday, 6 October, warplanes struck ..." in a report without a publication date: the
claim has no date, but `claims.weekday` (Monday = 0) and `claims.month_day` ("--10-06", a day
of unknown year; their evidence in `claims.evidence` under the same names) tell linking whether
two claims can be of one day. Claims stored before this revision have neither (null).
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
    op.add_column("claims", sa.Column("month_day", sa.String(7), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("month_day")
        batch.drop_column("weekday")
