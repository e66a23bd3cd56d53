"""complaints: deadline rules by category and urgency, urgency keywords, who may see complaints, a subject

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_URGENCY = sa.Enum('low', 'normal', 'high', 'critical', name='urgency', native_enum=False, length=32)
_ROLE = sa.Enum('administrator', 'receptionist', 'cashier', 'doctor', 'certificate_clerk', name='role',
                native_enum=False, length=32)
#: The roles that could see complaints before the clinic could choose (the role permissions of 0001).
_VIEWERS_BEFORE = ('administrator', 'receptionist', 'cashier', 'doctor')


def upgrade() -> None:
    op.create_table(
        'complaint_deadline_rule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=True),
        sa.Column('urgency', _URGENCY, nullable=False),
        sa.Column('acknowledge_hours', sa.Integer(), nullable=False),
        sa.Column('resolve_days', sa.Integer(), nullable=False),
        sa.CheckConstraint('acknowledge_hours > 0 AND resolve_days > 0',
                           name=op.f('ck_complaint_deadline_rule_positive')),
        sa.ForeignKeyConstraint(['category_id'], ['complaint_category.id'], ondelete='CASCADE',
                                name=op.f('fk_complaint_deadline_rule_category_id_complaint_category')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_deadline_rule')),
        sa.UniqueConstraint('category_id', 'urgency', name=op.f('uq_complaint_deadline_rule_category_id')),
    )
    op.create_table(
        'complaint_urgency_keywords',
        sa.Column('urgency', _URGENCY, nullable=False),
        sa.Column('keywords', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('urgency', name=op.f('pk_complaint_urgency_keywords')),
    )
    viewers = op.create_table(
        'complaint_viewer_role',
        sa.Column('role', _ROLE, nullable=False),
        sa.PrimaryKeyConstraint('role', name=op.f('pk_complaint_viewer_role')),
    )
    op.bulk_insert(viewers, [{'role': role} for role in _VIEWERS_BEFORE])
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=200), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_column('subject')
    op.drop_table('complaint_viewer_role')
    op.drop_table('complaint_urgency_keywords')
    op.drop_table('complaint_deadline_rule')
