"""What each stored value is called for a person: enum members to translatable labels.

The database keeps stable English codes; screens and documents show ``label(value)`` in their language.
"""

from __future__ import annotations

import enum
from typing import Any

from app.i18n import N_, gettext
from app.models.billing import DiscountKind, InvoiceKind, InvoiceStatus, PaymentMethod, ShiftStatus
from app.models.calls import CallDirection, CallOutcome, CallPurpose, TaskPriority, TaskStatus
from app.models.certificates import CertificateKind, CertificateStatus, Regime
from app.models.complaints import ComplaintStatus, ContactChannel, FeedbackKind, Urgency
from app.models.patients import AcquisitionChannel, NameOrder, Sex
from app.models.scheduling import (
    AppointmentStatus,
    BookingChannel,
    CancelReason,
    TimeOfDay,
    WaitingStatus,
    WaitlistStatus,
)
from app.models.staff import ExceptionKind, Role

LABELS: dict[type[enum.Enum], dict[Any, str]] = {
    AppointmentStatus: {
        AppointmentStatus.BOOKED: N_("Booked"),
        AppointmentStatus.CONFIRMED: N_("Confirmed"),
        AppointmentStatus.ARRIVED: N_("Arrived"),
        AppointmentStatus.IN_CONSULTATION: N_("In consultation"),
        AppointmentStatus.COMPLETED: N_("Completed"),
        AppointmentStatus.NO_SHOW: N_("No-show"),
        AppointmentStatus.CANCELLED: N_("Cancelled"),
    },
    BookingChannel: {
        BookingChannel.PHONE: N_("Phone"),
        BookingChannel.WALK_IN: N_("Walk-in"),
        BookingChannel.WEBSITE: N_("Website"),
        BookingChannel.MESSENGER: N_("Messenger"),
        BookingChannel.REFERRAL: N_("Referral"),
        BookingChannel.WAITLIST: N_("Waitlist"),
    },
    CancelReason: {
        CancelReason.BY_PATIENT: N_("By the patient"),
        CancelReason.BY_CLINIC: N_("By the clinic"),
        CancelReason.LATE_CANCELLATION: N_("Late cancellation"),
    },
    WaitingStatus: {
        WaitingStatus.WAITING: N_("Waiting"),
        WaitingStatus.CALLED: N_("Called"),
        WaitingStatus.IN_CONSULTATION: N_("With the doctor"),
        WaitingStatus.DONE: N_("Done"),
        WaitingStatus.LEFT: N_("Left without being seen"),
    },
    PaymentMethod: {
        PaymentMethod.CASH: N_("Cash"),
        PaymentMethod.CARD: N_("Card"),
        PaymentMethod.BANK_TRANSFER: N_("Bank transfer"),
        PaymentMethod.MOBILE: N_("Mobile payment"),
        PaymentMethod.INSURANCE: N_("Insurance"),
        PaymentMethod.DEPOSIT: N_("Deposit"),
    },
    CertificateKind: {
        CertificateKind.SICK_LEAVE: N_("Sick-leave certificate"),
        CertificateKind.ATTENDANCE: N_("Attendance certificate"),
        CertificateKind.MEDICAL: N_("Medical certificate"),
        CertificateKind.CUSTOM: N_("Other certificate"),
    },
    CertificateStatus: {
        CertificateStatus.DRAFT: N_("Draft"),
        CertificateStatus.ISSUED: N_("Issued"),
        CertificateStatus.VOID: N_("Void"),
    },
    Regime: {
        Regime.OUTPATIENT: N_("Outpatient"),
        Regime.INPATIENT: N_("Inpatient"),
        Regime.HOME: N_("Home"),
    },
    FeedbackKind: {
        FeedbackKind.COMPLAINT: N_("Complaint"),
        FeedbackKind.SUGGESTION: N_("Suggestion"),
        FeedbackKind.COMPLIMENT: N_("Compliment"),
        FeedbackKind.QUESTION: N_("Question"),
    },
    ContactChannel: {
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
    },
    Urgency: {
        Urgency.LOW: N_("Low"),
        Urgency.NORMAL: N_("Normal"),
        Urgency.HIGH: N_("High"),
        Urgency.CRITICAL: N_("Critical"),
    },
    ComplaintStatus: {
        ComplaintStatus.RECEIVED: N_("Received"),
        ComplaintStatus.ACKNOWLEDGED: N_("Acknowledged"),
        ComplaintStatus.IN_PROGRESS: N_("In progress"),
        ComplaintStatus.RESOLVED: N_("Resolved"),
        ComplaintStatus.CLOSED: N_("Closed"),
        ComplaintStatus.REOPENED: N_("Reopened"),
    },
    CallDirection: {
        CallDirection.INCOMING: N_("Incoming"),
        CallDirection.OUTGOING: N_("Outgoing"),
    },
    CallPurpose: {
        CallPurpose.BOOKING: N_("Booking"),
        CallPurpose.QUESTION: N_("Question"),
        CallPurpose.COMPLAINT: N_("Complaint"),
        CallPurpose.REMINDER: N_("Reminder"),
        CallPurpose.FOLLOW_UP: N_("Follow-up"),
        CallPurpose.CALLBACK: N_("Callback"),
    },
    CallOutcome: {
        CallOutcome.BOOKED: N_("Booked"),
        CallOutcome.CONFIRMED: N_("Confirmed"),
        CallOutcome.ANSWERED: N_("Answered"),
        CallOutcome.DECLINED: N_("Declined"),
        CallOutcome.NO_ANSWER: N_("No answer"),
        CallOutcome.CALL_BACK_LATER: N_("Call back later"),
        CallOutcome.WRONG_NUMBER: N_("Wrong number"),
    },
    TaskPriority: {
        TaskPriority.LOW: N_("Low"),
        TaskPriority.NORMAL: N_("Normal"),
        TaskPriority.HIGH: N_("High"),
        TaskPriority.URGENT: N_("Urgent"),
    },
    TaskStatus: {
        TaskStatus.OPEN: N_("Open"),
        TaskStatus.DONE: N_("Done"),
        TaskStatus.NOT_DONE: N_("Not done"),
    },
    Sex: {
        Sex.FEMALE: N_("Female"),
        Sex.MALE: N_("Male"),
        Sex.OTHER: N_("Other"),
        Sex.UNKNOWN: N_("Not stated"),
    },
    AcquisitionChannel: {
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
    },
    Role: {
        Role.ADMINISTRATOR: N_("Administrator"),
        Role.RECEPTIONIST: N_("Receptionist"),
        Role.CASHIER: N_("Cashier"),
        Role.DOCTOR: N_("Doctor"),
        Role.CERTIFICATE_CLERK: N_("Certificate clerk"),
    },
    TimeOfDay: {
        TimeOfDay.ANY: N_("Any time"),
        TimeOfDay.MORNING: N_("Morning"),
        TimeOfDay.AFTERNOON: N_("Afternoon"),
        TimeOfDay.EVENING: N_("Evening"),
    },
    WaitlistStatus: {
        WaitlistStatus.OPEN: N_("Open"),
        WaitlistStatus.BOOKED: N_("Booked"),
        WaitlistStatus.EXPIRED: N_("Expired"),
        WaitlistStatus.WITHDRAWN: N_("Withdrawn"),
    },
    InvoiceStatus: {
        InvoiceStatus.DRAFT: N_("Draft"),
        InvoiceStatus.ISSUED: N_("Issued"),
        InvoiceStatus.CANCELLED: N_("Cancelled"),
    },
    InvoiceKind: {
        InvoiceKind.INVOICE: N_("Invoice"),
        InvoiceKind.CREDIT_NOTE: N_("Credit note"),
    },
    DiscountKind: {
        DiscountKind.NONE: N_("No discount"),
        DiscountKind.PERCENT: N_("Percent"),
        DiscountKind.AMOUNT: N_("Amount"),
    },
    ShiftStatus: {
        ShiftStatus.OPEN: N_("Open"),
        ShiftStatus.CLOSED: N_("Closed"),
    },
    NameOrder: {
        NameOrder.FAMILY_FIRST_NO_SPACE: N_("Family name first, no space (김민준, 王秀英)"),
        NameOrder.FAMILY_FIRST: N_("Family name first"),
        NameOrder.GIVEN_FIRST: N_("Given name first"),
    },
    ExceptionKind: {
        ExceptionKind.VACATION: N_("Vacation"),
        ExceptionKind.SICK: N_("Sick day"),
        ExceptionKind.ABSENCE: N_("Absence"),
        ExceptionKind.EXTRA_SHIFT: N_("Extra shift"),
        ExceptionKind.BREAK: N_("Break"),
    },
}


def label(value: enum.Enum, locale: str | None = None) -> str:
    """The value's name in the active language (or ``locale``).

    Keyed by the enum's class first: StrEnum members of different enums with the same code (a booking
    channel and an acquisition channel both called "website") are equal as strings.
    """
    return gettext(LABELS[type(value)][value], locale)
