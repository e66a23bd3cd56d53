"""What each stored value is called for a person: enum members to translatable labels.

The database keeps stable English codes; screens and documents show ``label(value)`` in their language.
"""

from __future__ import annotations

import enum

from app.i18n import N_, gettext
from app.models.billing import PaymentMethod
from app.models.calls import CallDirection, CallOutcome, CallPurpose, TaskPriority, TaskStatus
from app.models.certificates import CertificateKind, CertificateStatus, Regime
from app.models.complaints import ComplaintStatus, ContactChannel, FeedbackKind, Urgency
from app.models.patients import AcquisitionChannel, Sex
from app.models.scheduling import AppointmentStatus, BookingChannel, CancelReason, WaitingStatus
from app.models.staff import Role

LABELS: dict[enum.Enum, str] = {
    AppointmentStatus.BOOKED: N_("Booked"),
    AppointmentStatus.CONFIRMED: N_("Confirmed"),
    AppointmentStatus.ARRIVED: N_("Arrived"),
    AppointmentStatus.IN_CONSULTATION: N_("In consultation"),
    AppointmentStatus.COMPLETED: N_("Completed"),
    AppointmentStatus.NO_SHOW: N_("No-show"),
    AppointmentStatus.CANCELLED: N_("Cancelled"),
    BookingChannel.PHONE: N_("Phone"),
    BookingChannel.WALK_IN: N_("Walk-in"),
    BookingChannel.WEBSITE: N_("Website"),
    BookingChannel.MESSENGER: N_("Messenger"),
    BookingChannel.REFERRAL: N_("Referral"),
    BookingChannel.WAITLIST: N_("Waitlist"),
    CancelReason.BY_PATIENT: N_("By the patient"),
    CancelReason.BY_CLINIC: N_("By the clinic"),
    CancelReason.LATE_CANCELLATION: N_("Late cancellation"),
    WaitingStatus.WAITING: N_("Waiting"),
    WaitingStatus.CALLED: N_("Called"),
    WaitingStatus.IN_CONSULTATION: N_("With the doctor"),
    WaitingStatus.DONE: N_("Done"),
    WaitingStatus.LEFT: N_("Left without being seen"),
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.CARD: N_("Card"),
    PaymentMethod.BANK_TRANSFER: N_("Bank transfer"),
    PaymentMethod.MOBILE: N_("Mobile payment"),
    PaymentMethod.INSURANCE: N_("Insurance"),
    PaymentMethod.DEPOSIT: N_("Deposit"),
    CertificateKind.SICK_LEAVE: N_("Sick-leave certificate"),
    CertificateKind.ATTENDANCE: N_("Attendance certificate"),
    CertificateKind.MEDICAL: N_("Medical certificate"),
    CertificateKind.CUSTOM: N_("Other certificate"),
    CertificateStatus.DRAFT: N_("Draft"),
    CertificateStatus.ISSUED: N_("Issued"),
    CertificateStatus.VOID: N_("Void"),
    Regime.OUTPATIENT: N_("Outpatient"),
    Regime.INPATIENT: N_("Inpatient"),
    Regime.HOME: N_("Home"),
    FeedbackKind.COMPLAINT: N_("Complaint"),
    FeedbackKind.SUGGESTION: N_("Suggestion"),
    FeedbackKind.COMPLIMENT: N_("Compliment"),
    FeedbackKind.QUESTION: N_("Question"),
    ContactChannel.PHONE: N_("Phone"),
    ContactChannel.SMS: N_("Text message"),
    ContactChannel.MESSENGER: N_("Messenger"),
    ContactChannel.WEBSITE: N_("Website"),
    ContactChannel.MOBILE_APP: N_("Mobile app"),
    ContactChannel.SOCIAL_NETWORK: N_("Social network"),
    ContactChannel.EMAIL: N_("E-mail"),
    ContactChannel.FAX: N_("Fax"),
    ContactChannel.SUGGESTION_BOX: N_("Suggestion box"),
    ContactChannel.VISIT: N_("In person"),
    Urgency.LOW: N_("Low"),
    Urgency.NORMAL: N_("Normal"),
    Urgency.HIGH: N_("High"),
    Urgency.CRITICAL: N_("Critical"),
    ComplaintStatus.RECEIVED: N_("Received"),
    ComplaintStatus.ACKNOWLEDGED: N_("Acknowledged"),
    ComplaintStatus.IN_PROGRESS: N_("In progress"),
    ComplaintStatus.RESOLVED: N_("Resolved"),
    ComplaintStatus.CLOSED: N_("Closed"),
    ComplaintStatus.REOPENED: N_("Reopened"),
    CallDirection.INCOMING: N_("Incoming"),
    CallDirection.OUTGOING: N_("Outgoing"),
    CallPurpose.BOOKING: N_("Booking"),
    CallPurpose.QUESTION: N_("Question"),
    CallPurpose.COMPLAINT: N_("Complaint"),
    CallPurpose.REMINDER: N_("Reminder"),
    CallPurpose.FOLLOW_UP: N_("Follow-up"),
    CallPurpose.CALLBACK: N_("Callback"),
    CallOutcome.BOOKED: N_("Booked"),
    CallOutcome.CONFIRMED: N_("Confirmed"),
    CallOutcome.ANSWERED: N_("Answered"),
    CallOutcome.DECLINED: N_("Declined"),
    CallOutcome.NO_ANSWER: N_("No answer"),
    CallOutcome.CALL_BACK_LATER: N_("Call back later"),
    CallOutcome.WRONG_NUMBER: N_("Wrong number"),
    TaskPriority.LOW: N_("Low"),
    TaskPriority.NORMAL: N_("Normal"),
    TaskPriority.HIGH: N_("High"),
    TaskPriority.URGENT: N_("Urgent"),
    TaskStatus.OPEN: N_("Open"),
    TaskStatus.DONE: N_("Done"),
    TaskStatus.NOT_DONE: N_("Not done"),
    Sex.FEMALE: N_("Female"),
    Sex.MALE: N_("Male"),
    Sex.OTHER: N_("Other"),
    Sex.UNKNOWN: N_("Not stated"),
    AcquisitionChannel.WALK_IN: N_("Walked in"),
    AcquisitionChannel.REFERRAL_PATIENT: N_("Recommended by a patient"),
    AcquisitionChannel.REFERRAL_DOCTOR: N_("Referred by a doctor"),
    AcquisitionChannel.WEBSITE: N_("Clinic website"),
    AcquisitionChannel.SEARCH_ENGINE: N_("Search engine"),
    AcquisitionChannel.SOCIAL_MEDIA: N_("Social media"),
    AcquisitionChannel.MESSENGER: N_("Messenger"),
    AcquisitionChannel.ADVERTISING: N_("Advertising"),
    AcquisitionChannel.INSURANCE: N_("Insurance company"),
    AcquisitionChannel.OTHER: N_("Other"),
    AcquisitionChannel.UNKNOWN: N_("Unknown"),
    Role.ADMINISTRATOR: N_("Administrator"),
    Role.RECEPTIONIST: N_("Receptionist"),
    Role.CASHIER: N_("Cashier"),
    Role.DOCTOR: N_("Doctor"),
    Role.CERTIFICATE_CLERK: N_("Certificate clerk"),
}


def label(value: enum.Enum, locale: str | None = None) -> str:
    """The value's name in the active language (or ``locale``)."""
    return gettext(LABELS[value], locale)
