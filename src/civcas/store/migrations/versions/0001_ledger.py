"""the ledger: reports, claims, incidents, links, history

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=True),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_history_entity", "history", ["entity", "entity_id"], unique=False)
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("merged_into", sa.String(length=200), nullable=True),
        sa.Column("needs_assessment", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("place_std", sa.String(length=300), nullable=True),
        sa.Column("admin1", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("event_type", sa.String(length=32), nullable=True),
        sa.Column("perpetrator", sa.String(length=200), nullable=True),
        sa.Column("grade", sa.String(length=16), nullable=True),
        sa.Column("assessment", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("assessed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_incidents_admin1"), "incidents", ["admin1"], unique=False)
    op.create_index(op.f("ix_incidents_date"), "incidents", ["date"], unique=False)
    op.create_index(op.f("ix_incidents_grade"), "incidents", ["grade"], unique=False)
    op.create_index(
        op.f("ix_incidents_needs_assessment"), "incidents", ["needs_assessment"], unique=False
    )
    op.create_index(op.f("ix_incidents_perpetrator"), "incidents", ["perpetrator"], unique=False)
    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("lang", sa.String(length=16), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("lineage", sa.String(length=200), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_reports_hash"), "reports", ["hash"], unique=False)
    op.create_index(op.f("ix_reports_lineage"), "reports", ["lineage"], unique=False)
    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("report_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("place_std", sa.String(length=300), nullable=True),
        sa.Column("admin1", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.String(length=16), nullable=True),
        sa.Column("pcode", sa.String(length=32), nullable=True),
        sa.Column("event_type", sa.String(length=32), nullable=True),
        sa.Column("perpetrator", sa.String(length=200), nullable=True),
        sa.Column("attribution", sa.String(length=16), nullable=True),
        sa.Column("perpetrator_evidence", sa.Text(), nullable=True),
        sa.Column("killed_min", sa.Integer(), nullable=True),
        sa.Column("killed_max", sa.Integer(), nullable=True),
        sa.Column("civilians_killed_min", sa.Integer(), nullable=True),
        sa.Column("children_killed_min", sa.Integer(), nullable=True),
        sa.Column("women_killed_min", sa.Integer(), nullable=True),
        sa.Column("injured_min", sa.Integer(), nullable=True),
        sa.Column("victim_names", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_claims_date"), "claims", ["date"], unique=False)
    op.create_index(op.f("ix_claims_incident_id"), "claims", ["incident_id"], unique=False)
    op.create_index(op.f("ix_claims_report_id"), "claims", ["report_id"], unique=False)
    op.create_table(
        "links",
        sa.Column("claim_a", sa.String(length=200), nullable=False),
        sa.Column("claim_b", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_a"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(
            ["claim_b"],
            ["claims.id"],
        ),
        sa.PrimaryKeyConstraint("claim_a", "claim_b"),
    )


def downgrade() -> None:
    op.drop_table("links")
    op.drop_index(op.f("ix_claims_report_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_incident_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_date"), table_name="claims")
    op.drop_table("claims")
    op.drop_index(op.f("ix_reports_lineage"), table_name="reports")
    op.drop_index(op.f("ix_reports_hash"), table_name="reports")
    op.drop_table("reports")
    op.drop_index(op.f("ix_incidents_perpetrator"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_needs_assessment"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_grade"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_date"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_admin1"), table_name="incidents")
    op.drop_table("incidents")
    op.drop_index("ix_history_entity", table_name="history")
    op.drop_table("history")
