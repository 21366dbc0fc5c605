"""victims: every mention of a named (or counted) victim, and the links between mentions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

A ledger made before this revision keeps its victims' names in `claims.victim_names`; the
upgrade copies each into a mention row (name and evidence, no details), so nothing is lost and
the next `civcas run` deduplicates them. Their keys are left null until then.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    victims = op.create_table(
        "victims",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("claim_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("relation", sa.String(length=32), nullable=True),
        sa.Column("of_seq", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("age_group", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=True),
        sa.Column("name_skeleton", sa.String(length=300), nullable=True),
        sa.Column("person_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_victims_claim_id"), "victims", ["claim_id"], unique=False)
    op.create_index(op.f("ix_victims_name_key"), "victims", ["name_key"], unique=False)
    op.create_index(op.f("ix_victims_person_id"), "victims", ["person_id"], unique=False)
    op.create_table(
        "victim_links",
        sa.Column("mention_a", sa.String(length=200), nullable=False),
        sa.Column("mention_b", sa.String(length=200), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["mention_a"], ["victims.id"]),
        sa.ForeignKeyConstraint(["mention_b"], ["victims.id"]),
        sa.PrimaryKeyConstraint("mention_a", "mention_b"),
    )
    _copy_names(victims)


def _copy_names(victims: sa.Table) -> None:
    """One mention row per name already stored in a claim."""
    claims = sa.table(
        "claims",
        sa.column("id", sa.String()),
        sa.column("victim_names", sa.JSON()),
        sa.column("evidence", sa.JSON()),
    )
    bind = op.get_bind()
    rows = []
    for claim_id, names, evidence in bind.execute(
        sa.select(claims.c.id, claims.c.victim_names, claims.c.evidence)
    ):
        spans = (evidence or {}).get("victim_names") or []
        for seq, (name, span) in enumerate(zip(names or [], spans, strict=False), 1):
            rows.append(
                {
                    "id": f"{claim_id}/v{seq}",
                    "claim_id": claim_id,
                    "seq": seq,
                    "name": name,
                    "start": int(span[0]),
                    "end": int(span[1]),
                    "parts": {},
                    "evidence": {},
                }
            )
    if rows:
        op.bulk_insert(victims, rows)


def downgrade() -> None:
    op.drop_table("victim_links")
    op.drop_index(op.f("ix_victims_person_id"), table_name="victims")
    op.drop_index(op.f("ix_victims_name_key"), table_name="victims")
    op.drop_index(op.f("ix_victims_claim_id"), table_name="victims")
    op.drop_table("victims")
