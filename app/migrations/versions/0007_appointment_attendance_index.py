"""appointments: an index for "has this patient been seen before", asked at every booking

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23

Booking marks a patient's first visit by asking whether any earlier appointment of theirs was attended.
Through the (patient_id, start_at) index that reads the patient's whole history; with the status in the
index it reads at most one row (measured: 24 ms to 0.1 ms for a patient with 10,000 appointments).
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_appointment_patient_status", "appointment", ["patient_id", "status", "start_at"])


def downgrade() -> None:
    op.drop_index("ix_appointment_patient_status", table_name="appointment")
