"""waiting room: how the "now calling" screen names a called patient

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clinic", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "call_display", sa.Enum("ticket", "short_name", name="calldisplay", native_enum=False, length=32),
            nullable=False, server_default="ticket"))


def downgrade() -> None:
    with op.batch_alter_table("clinic", schema=None) as batch_op:
        batch_op.drop_column("call_display")
