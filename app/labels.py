"""What each stored value is called for a person: enum members to translatable labels.

The database keeps stable English codes; screens and documents show ``label(value)`` in their language.
"""

from __future__ import annotations

import enum
from typing import Any

from app.i18n import NP_, Message
from app.models.billing import DiscountKind, InvoiceKind, InvoiceStatus, PaymentMethod, ShiftStatus
from app.models.calls import (
    CallDirection,
    CallOutcome,
    CallPurpose,
    RefusalReason,
    TaskPriority,
    TaskStatus,
    WorkKind,
)
from app.models.certificates import CertificateKind, CertificateStatus, Regime
from app.models.clinic import CallDisplay
from app.models.complaints import ComplaintStatus, ComplaintStep, ContactChannel, FeedbackKind, Urgency
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

#: Each label carries its enum's context: the same English word ("Issued", "Open", "Booked") takes
#: different words or genders in other languages depending on what it describes.
LABELS: dict[type[enum.Enum], dict[Any, Message]] = {
    AppointmentStatus: {
        AppointmentStatus.BOOKED: NP_("appointment status", "Booked"),
        AppointmentStatus.CONFIRMED: NP_("appointment status", "Confirmed"),
        AppointmentStatus.ARRIVED: NP_("appointment status", "Arrived"),
        AppointmentStatus.IN_CONSULTATION: NP_("appointment status", "In consultation"),
        AppointmentStatus.COMPLETED: NP_("appointment status", "Completed"),
        AppointmentStatus.NO_SHOW: NP_("appointment status", "No-show"),
        AppointmentStatus.CANCELLED: NP_("appointment status", "Cancelled"),
    },
    BookingChannel: {
        BookingChannel.PHONE: NP_("booking channel", "Phone"),
        BookingChannel.WALK_IN: NP_("booking channel", "Walk-in"),
        BookingChannel.WEBSITE: NP_("booking channel", "Website"),
        BookingChannel.MESSENGER: NP_("booking channel", "Messenger"),
        BookingChannel.REFERRAL: NP_("booking channel", "Referral"),
        BookingChannel.WAITLIST: NP_("booking channel", "Waitlist"),
    },
    CancelReason: {
        CancelReason.BY_PATIENT: NP_("cancellation reason", "By the patient"),
        CancelReason.BY_CLINIC: NP_("cancellation reason", "By the clinic"),
        CancelReason.LATE_CANCELLATION: NP_("cancellation reason", "Late cancellation"),
    },
    WaitingStatus: {
        WaitingStatus.WAITING: NP_("waiting room status", "Waiting"),
        WaitingStatus.CALLED: NP_("waiting room status", "Called"),
        WaitingStatus.IN_CONSULTATION: NP_("waiting room status", "With the doctor"),
        WaitingStatus.DONE: NP_("waiting room status", "Done"),
        WaitingStatus.LEFT: NP_("waiting room status", "Left without being seen"),
    },
    PaymentMethod: {
        PaymentMethod.CASH: NP_("payment method", "Cash"),
        PaymentMethod.CARD: NP_("payment method", "Card"),
        PaymentMethod.BANK_TRANSFER: NP_("payment method", "Bank transfer"),
        PaymentMethod.MOBILE: NP_("payment method", "Mobile payment"),
        PaymentMethod.INSURANCE: NP_("payment method", "Insurance"),
        PaymentMethod.DEPOSIT: NP_("payment method", "Deposit"),
    },
    CertificateKind: {
        CertificateKind.SICK_LEAVE: NP_("certificate type", "Sick-leave certificate"),
        CertificateKind.ATTENDANCE: NP_("certificate type", "Attendance certificate"),
        CertificateKind.MEDICAL: NP_("certificate type", "Medical certificate"),
        CertificateKind.CUSTOM: NP_("certificate type", "Other certificate"),
    },
    CertificateStatus: {
        CertificateStatus.DRAFT: NP_("certificate status", "Draft"),
        CertificateStatus.ISSUED: NP_("certificate status", "Issued"),
        CertificateStatus.VOID: NP_("certificate status", "Void"),
    },
    Regime: {
        Regime.OUTPATIENT: NP_("treatment regime", "Outpatient"),
        Regime.INPATIENT: NP_("treatment regime", "Inpatient"),
        Regime.HOME: NP_("treatment regime", "Home"),
    },
    FeedbackKind: {
        FeedbackKind.COMPLAINT: NP_("feedback kind", "Complaint"),
        FeedbackKind.SUGGESTION: NP_("feedback kind", "Suggestion"),
        FeedbackKind.COMPLIMENT: NP_("feedback kind", "Compliment"),
        FeedbackKind.QUESTION: NP_("feedback kind", "Question"),
    },
    ContactChannel: {
        ContactChannel.PHONE: NP_("contact channel", "Phone"),
        ContactChannel.SMS: NP_("contact channel", "Text message"),
        ContactChannel.MESSENGER: NP_("contact channel", "Messenger"),
        ContactChannel.WEBSITE: NP_("contact channel", "Website"),
        ContactChannel.MOBILE_APP: NP_("contact channel", "Mobile app"),
        ContactChannel.SOCIAL_NETWORK: NP_("contact channel", "Social network"),
        ContactChannel.EMAIL: NP_("contact channel", "E-mail"),
        ContactChannel.FAX: NP_("contact channel", "Fax"),
        ContactChannel.SUGGESTION_BOX: NP_("contact channel", "Suggestion box"),
        ContactChannel.VISIT: NP_("contact channel", "In person"),
    },
    Urgency: {
        Urgency.LOW: NP_("complaint urgency", "Low"),
        Urgency.NORMAL: NP_("complaint urgency", "Normal"),
        Urgency.HIGH: NP_("complaint urgency", "High"),
        Urgency.CRITICAL: NP_("complaint urgency", "Critical"),
    },
    ComplaintStatus: {
        ComplaintStatus.RECEIVED: NP_("complaint status", "Received"),
        ComplaintStatus.ACKNOWLEDGED: NP_("complaint status", "Acknowledged"),
        ComplaintStatus.IN_PROGRESS: NP_("complaint status", "In progress"),
        ComplaintStatus.RESOLVED: NP_("complaint status", "Resolved"),
        ComplaintStatus.CLOSED: NP_("complaint status", "Closed"),
        ComplaintStatus.REOPENED: NP_("complaint status", "Reopened"),
    },
    ComplaintStep: {
        ComplaintStep.RECEIVED: NP_("complaint step", "Received"),
        ComplaintStep.ASSIGNED: NP_("complaint step", "Assigned"),
        ComplaintStep.ACKNOWLEDGED: NP_("complaint step", "Acknowledged"),
        ComplaintStep.IN_PROGRESS: NP_("complaint step", "Taken into work"),
        ComplaintStep.NOTE: NP_("complaint step", "Note"),
        ComplaintStep.RESOLVED: NP_("complaint step", "Resolved"),
        ComplaintStep.RESPONDED: NP_("complaint step", "Answer to the patient"),
        ComplaintStep.CLOSED: NP_("complaint step", "Closed"),
        ComplaintStep.REOPENED: NP_("complaint step", "Reopened"),
        ComplaintStep.ESCALATED: NP_("complaint step", "Escalated to the administrator"),
        ComplaintStep.RECLASSIFIED: NP_("complaint step", "Category or urgency changed"),
        ComplaintStep.ANONYMISED: NP_("complaint step", "Anonymised"),
    },
    CallDirection: {
        CallDirection.INCOMING: NP_("call direction", "Incoming"),
        CallDirection.OUTGOING: NP_("call direction", "Outgoing"),
    },
    CallPurpose: {
        CallPurpose.BOOKING: NP_("call purpose", "Booking"),
        CallPurpose.QUESTION: NP_("call purpose", "Question"),
        CallPurpose.COMPLAINT: NP_("call purpose", "Complaint"),
        CallPurpose.REMINDER: NP_("call purpose", "Reminder"),
        CallPurpose.FOLLOW_UP: NP_("call purpose", "Follow-up"),
        CallPurpose.CALLBACK: NP_("call purpose", "Callback"),
        CallPurpose.RECALL: NP_("call purpose", "Recall"),
    },
    RefusalReason: {
        RefusalReason.PRICE: NP_("refusal reason", "Price"),
        RefusalReason.TIME_NOT_SUITABLE: NP_("refusal reason", "No suitable time"),
        RefusalReason.DOCTOR_NOT_AVAILABLE: NP_("refusal reason", "Wanted doctor not available"),
        RefusalReason.WENT_ELSEWHERE: NP_("refusal reason", "Going to another clinic"),
        RefusalReason.NO_LONGER_NEEDED: NP_("refusal reason", "No longer needed"),
        RefusalReason.OTHER: NP_("refusal reason", "Other reason"),
    },
    WorkKind: {
        WorkKind.REMINDER: NP_("worklist", "Reminders"),
        WorkKind.FOLLOW_UP: NP_("worklist", "Follow-up calls"),
        WorkKind.CALLBACK: NP_("worklist", "Promised callbacks"),
        WorkKind.NO_SHOW: NP_("worklist", "No-shows to rebook"),
        WorkKind.RECALL: NP_("worklist", "Recalls due"),
    },
    CallOutcome: {
        CallOutcome.BOOKED: NP_("call outcome", "Booked"),
        CallOutcome.CONFIRMED: NP_("call outcome", "Confirmed"),
        CallOutcome.ANSWERED: NP_("call outcome", "Answered"),
        CallOutcome.DECLINED: NP_("call outcome", "Declined"),
        CallOutcome.NO_ANSWER: NP_("call outcome", "No answer"),
        CallOutcome.CALL_BACK_LATER: NP_("call outcome", "Call back later"),
        CallOutcome.WRONG_NUMBER: NP_("call outcome", "Wrong number"),
    },
    TaskPriority: {
        TaskPriority.LOW: NP_("task priority", "Low"),
        TaskPriority.NORMAL: NP_("task priority", "Normal"),
        TaskPriority.HIGH: NP_("task priority", "High"),
        TaskPriority.URGENT: NP_("task priority", "Urgent"),
    },
    TaskStatus: {
        TaskStatus.OPEN: NP_("task status", "Open"),
        TaskStatus.DONE: NP_("task status", "Done"),
        TaskStatus.NOT_DONE: NP_("task status", "Not done"),
    },
    Sex: {
        Sex.FEMALE: NP_("sex", "Female"),
        Sex.MALE: NP_("sex", "Male"),
        Sex.OTHER: NP_("sex", "Other"),
        Sex.UNKNOWN: NP_("sex", "Not stated"),
    },
    AcquisitionChannel: {
        AcquisitionChannel.WALK_IN: NP_("how the patient found the clinic", "Walked in"),
        AcquisitionChannel.REFERRAL_PATIENT: NP_("how the patient found the clinic", "Recommended by a patient"),
        AcquisitionChannel.REFERRAL_DOCTOR: NP_("how the patient found the clinic", "Referred by a doctor"),
        AcquisitionChannel.WEBSITE: NP_("how the patient found the clinic", "Clinic website"),
        AcquisitionChannel.SEARCH_ENGINE: NP_("how the patient found the clinic", "Search engine"),
        AcquisitionChannel.SOCIAL_MEDIA: NP_("how the patient found the clinic", "Social media"),
        AcquisitionChannel.MESSENGER: NP_("how the patient found the clinic", "Messenger"),
        AcquisitionChannel.ADVERTISING: NP_("how the patient found the clinic", "Advertising"),
        AcquisitionChannel.INSURANCE: NP_("how the patient found the clinic", "Insurance company"),
        AcquisitionChannel.OTHER: NP_("how the patient found the clinic", "Other"),
        AcquisitionChannel.UNKNOWN: NP_("how the patient found the clinic", "Unknown"),
    },
    Role: {
        Role.ADMINISTRATOR: NP_("staff role", "Administrator"),
        Role.RECEPTIONIST: NP_("staff role", "Receptionist"),
        Role.CASHIER: NP_("staff role", "Cashier"),
        Role.DOCTOR: NP_("staff role", "Doctor"),
        Role.CERTIFICATE_CLERK: NP_("staff role", "Certificate clerk"),
    },
    TimeOfDay: {
        TimeOfDay.ANY: NP_("part of the day", "Any time"),
        TimeOfDay.MORNING: NP_("part of the day", "Morning"),
        TimeOfDay.AFTERNOON: NP_("part of the day", "Afternoon"),
        TimeOfDay.EVENING: NP_("part of the day", "Evening"),
    },
    CallDisplay: {
        CallDisplay.TICKET: NP_("now calling screen shows", "Ticket number"),
        CallDisplay.SHORT_NAME: NP_("now calling screen shows", "Shortened name (김*준, Smith J.)"),
    },
    WaitlistStatus: {
        WaitlistStatus.OPEN: NP_("waitlist request status", "Open"),
        WaitlistStatus.BOOKED: NP_("waitlist request status", "Booked"),
        WaitlistStatus.EXPIRED: NP_("waitlist request status", "Expired"),
        WaitlistStatus.WITHDRAWN: NP_("waitlist request status", "Withdrawn"),
    },
    InvoiceStatus: {
        InvoiceStatus.DRAFT: NP_("invoice status", "Draft"),
        InvoiceStatus.ISSUED: NP_("invoice status", "Issued"),
        InvoiceStatus.CANCELLED: NP_("invoice status", "Cancelled"),
    },
    InvoiceKind: {
        InvoiceKind.INVOICE: NP_("invoice kind", "Invoice"),
        InvoiceKind.CREDIT_NOTE: NP_("invoice kind", "Credit note"),
    },
    DiscountKind: {
        DiscountKind.NONE: NP_("discount kind", "No discount"),
        DiscountKind.PERCENT: NP_("discount kind", "Percent"),
        DiscountKind.AMOUNT: NP_("discount kind", "Amount"),
    },
    ShiftStatus: {
        ShiftStatus.OPEN: NP_("cash shift status", "Open"),
        ShiftStatus.CLOSED: NP_("cash shift status", "Closed"),
    },
    NameOrder: {
        NameOrder.FAMILY_FIRST_NO_SPACE: NP_("name order", "Family name first, no space (김민준, 王秀英)"),
        NameOrder.FAMILY_FIRST: NP_("name order", "Family name first"),
        NameOrder.GIVEN_FIRST: NP_("name order", "Given name first"),
    },
    ExceptionKind: {
        ExceptionKind.VACATION: NP_("working time exception", "Vacation"),
        ExceptionKind.SICK: NP_("working time exception", "Sick day"),
        ExceptionKind.ABSENCE: NP_("working time exception", "Absence"),
        ExceptionKind.EXTRA_SHIFT: NP_("working time exception", "Extra shift"),
        ExceptionKind.BREAK: NP_("working time exception", "Break"),
    },
}


def label(value: enum.Enum, locale: str | None = None) -> str:
    """The value's name in the active language (or ``locale``).

    Keyed by the enum's class first: StrEnum members of different enums with the same code (a booking
    channel and an acquisition channel both called "website") are equal as strings.
    """
    return LABELS[type(value)][value].translate(locale)
