"""cashier: split payments share one receipt, the clinic's discount limit and tax rule (billing_rules), one open shift per desk

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.types

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    op.create_table('billing_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('discount_limit_percent', app.models.types.ExactDecimal(scale=2, precision=5), nullable=False),
    sa.Column('prices_include_tax', sa.Boolean(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_billing_rules_single')),
    sa.CheckConstraint('discount_limit_percent >= 0', name=op.f('ck_billing_rules_discount_limit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_rules'))
    )
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.String(length=400), nullable=False, server_default=''))
    with op.batch_alter_table('invoice_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discount', app.models.types.Money(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('tax', app.models.types.Money(), nullable=False, server_default='0'))
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receipt_part', sa.Integer(), nullable=False, server_default='1'))
        batch_op.drop_constraint('uq_payment_receipt_year_receipt_number', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_payment_receipt_year_receipt_number_receipt_part'),
                                          ['receipt_year', 'receipt_number', 'receipt_part'])
    op.create_index('uq_cash_shift_open_workstation', 'cash_shift', ['workstation'], unique=True,
                    postgresql_where=_OPEN, sqlite_where=_OPEN)


def downgrade() -> None:
    op.drop_index('uq_cash_shift_open_workstation', table_name='cash_shift')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_constraint('uq_payment_receipt_year_receipt_number_receipt_part', type_='unique')
        batch_op.create_unique_constraint('uq_payment_receipt_year_receipt_number', ['receipt_year', 'receipt_number'])
        batch_op.drop_column('receipt_part')
    with op.batch_alter_table('invoice_line', schema=None) as batch_op:
        batch_op.drop_column('tax')
        batch_op.drop_column('discount')
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_column('note')
    op.drop_table('billing_rules')
