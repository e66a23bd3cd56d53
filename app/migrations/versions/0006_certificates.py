"""certificates: series format, the time a patient was seen, register indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('certificate_type', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_in_number', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('certificate_type', schema=None) as batch_op:
        batch_op.alter_column('year_in_number', server_default=None)
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seen_at', app.models.types.UTCDateTime(), nullable=True))
        batch_op.create_index('ix_certificate_type_issued', ['type_id', 'issued_at'], unique=False)
        batch_op.create_index('ix_certificate_doctor_issued', ['doctor_id', 'issued_at'], unique=False)
        batch_op.create_index('ix_certificate_status_created', ['status', 'created_at'], unique=False)
        batch_op.create_index('ix_certificate_continues_id', ['continues_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index('ix_certificate_continues_id')
        batch_op.drop_index('ix_certificate_status_created')
        batch_op.drop_index('ix_certificate_doctor_issued')
        batch_op.drop_index('ix_certificate_type_issued')
        batch_op.drop_column('seen_at')
    with op.batch_alter_table('certificate_type', schema=None) as batch_op:
        batch_op.drop_column('year_in_number')
