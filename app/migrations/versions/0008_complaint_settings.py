"""complaint settings: a category's name in each of the clinic's languages; reclassifications found by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

The suggestion's cache asks on every suggestion whether a complaint was reclassified since it learnt; with
the event kind indexed that is a lookup, not a scan of every complaint's timeline.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint_category", schema=None) as batch_op:
        batch_op.add_column(sa.Column("names", sa.JSON(), nullable=False, server_default="{}"))
    op.create_index("ix_complaint_event_kind", "complaint_event", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_complaint_event_kind", table_name="complaint_event")
    with op.batch_alter_table("complaint_category", schema=None) as batch_op:
        batch_op.drop_column("names")
