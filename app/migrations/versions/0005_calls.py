"""calls: the call log's links (callback answered, booking made, complaint raised, refusal reason),
desk shifts with their handovers of worklist items, and the services' recall interval

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('desk_shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('workstation', sa.String(length=80), nullable=False),
    sa.Column('opened_at', app.models.types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', app.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], name=op.f('fk_desk_shift_user_id_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_shift'))
    )
    with op.batch_alter_table('desk_shift', schema=None) as batch_op:
        batch_op.create_index('ix_desk_shift_user_closed', ['user_id', 'closed_at'], unique=False)

    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refusal', sa.Enum('price', 'time_not_suitable', 'doctor_not_available', 'went_elsewhere', 'no_longer_needed', 'other', name='refusalreason', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('answers_call_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('booked_appointment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('complaint_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_call_answers', ['answers_call_id'], unique=False)
        batch_op.create_index('ix_call_appointment', ['appointment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_call_answers_call_id_call'), 'call', ['answers_call_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_call_booked_appointment_id_appointment'), 'appointment', ['booked_appointment_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_call_complaint_id_complaint'), 'complaint', ['complaint_id'], ['id'])

    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shift_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('work_kind', sa.Enum('reminder', 'follow_up', 'callback', 'no_show', 'recall', name='workkind', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('appointment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('call_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('patient_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('seen_by', sa.Integer(), nullable=True))
        batch_op.create_index('ix_handover_unseen', ['seen_at', 'to_user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_handover_seen_by_staff_user'), 'staff_user', ['seen_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_handover_appointment_id_appointment'), 'appointment', ['appointment_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_handover_call_id_call'), 'call', ['call_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_handover_patient_id_patient'), 'patient', ['patient_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_handover_shift_id_desk_shift'), 'desk_shift', ['shift_id'], ['id'])

    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recall_months', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_column('recall_months')

    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_handover_shift_id_desk_shift'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_handover_patient_id_patient'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_handover_call_id_call'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_handover_appointment_id_appointment'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_handover_seen_by_staff_user'), type_='foreignkey')
        batch_op.drop_index('ix_handover_unseen')
        batch_op.drop_column('seen_by')
        batch_op.drop_column('patient_id')
        batch_op.drop_column('call_id')
        batch_op.drop_column('appointment_id')
        batch_op.drop_column('work_kind')
        batch_op.drop_column('shift_id')

    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_call_complaint_id_complaint'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_call_booked_appointment_id_appointment'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_call_answers_call_id_call'), type_='foreignkey')
        batch_op.drop_index('ix_call_appointment')
        batch_op.drop_index('ix_call_answers')
        batch_op.drop_column('complaint_id')
        batch_op.drop_column('booked_appointment_id')
        batch_op.drop_column('answers_call_id')
        batch_op.drop_column('refusal')

    with op.batch_alter_table('desk_shift', schema=None) as batch_op:
        batch_op.drop_index('ix_desk_shift_user_closed')

    op.drop_table('desk_shift')

