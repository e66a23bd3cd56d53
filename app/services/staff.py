"""Staff users and their roles, doctors, rooms, and per-user settings such as the dock layout."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from app.events import Topic
from app.i18n import N_
from app.models.clinic import Department, Room
from app.models.staff import Doctor, Role, StaffRole, StaffUser, UserSetting
from app.services.auth import hash_password
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import clean_text

MAX_SETTING_BYTES = 256 * 1024


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    roles: frozenset[Role]
    active: bool


@dataclass(frozen=True)
class DoctorView:
    id: int
    full_name: str
    specialty: str
    room_id: int | None
    room_name: str
    color: str


def create_user(ctx: Context, username: str, full_name: str, password: str, roles: set[Role]) -> UserView:
    require(ctx, Permission.MANAGE_STAFF)
    name = clean_text(username, N_("User name"), max_length=64, required=True).casefold()
    full = clean_text(full_name, N_("Full name"), max_length=120, required=True)
    if not roles:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Roles"))
    password_hash = hash_password(password)
    with unit_of_work(ctx) as uow:
        taken = uow.session.scalar(select(StaffUser.id).where(func.lower(StaffUser.username) == name))
        if taken is not None:
            raise Conflict(N_("The user name {username} is already taken."), username=name)
        user = StaffUser(username=name, full_name=full, password_hash=password_hash, created_at=ctx.clock.now())
        user.roles = [StaffRole(role=role) for role in sorted(roles)]
        uow.session.add(user)
        uow.session.flush()
        uow.record("create", "staff_user", user.id, {"username": name, "roles": sorted(roles)})
        uow.emit(Topic.STAFF, user.id)
        return UserView(user.id, name, full, frozenset(roles), True)


def list_users(ctx: Context) -> list[UserView]:
    with ctx.db.read() as session:
        users = session.scalars(select(StaffUser).order_by(StaffUser.full_name)).all()
        return [UserView(u.id, u.username, u.full_name, frozenset(r.role for r in u.roles), u.active) for u in users]


def create_room(ctx: Context, name: str) -> int:
    require(ctx, Permission.MANAGE_CLINIC)
    clean = clean_text(name, N_("Room"), max_length=80, required=True)
    with unit_of_work(ctx) as uow:
        room = Room(name=clean)
        uow.session.add(room)
        uow.session.flush()
        uow.record("create", "room", room.id, {"name": clean})
        uow.emit(Topic.STAFF, room.id)
        return room.id


@dataclass(frozen=True)
class DepartmentView:
    id: int
    name: str
    active: bool = True


def create_department(ctx: Context, name: str) -> DepartmentView:
    require(ctx, Permission.MANAGE_CLINIC)
    clean = clean_text(name, N_("Department"), max_length=120, required=True)
    with unit_of_work(ctx) as uow:
        if uow.session.scalar(select(Department.id).where(Department.name == clean)) is not None:
            raise Conflict(N_("A department named {name} already exists."), name=clean)
        department = Department(name=clean)
        uow.session.add(department)
        uow.session.flush()
        uow.record("create", "department", department.id, {"name": clean})
        uow.emit(Topic.STAFF, department.id)
        return DepartmentView(department.id, clean)


def update_department(ctx: Context, department_id: int, name: str, active: bool) -> DepartmentView:
    """Rename a department, or stop offering it for new work (its past complaints keep it)."""
    require(ctx, Permission.MANAGE_CLINIC)
    clean = clean_text(name, N_("Department"), max_length=120, required=True)
    with unit_of_work(ctx) as uow:
        department = uow.session.get(Department, department_id)
        if department is None:
            raise NotFound(N_("This department no longer exists."))
        taken = uow.session.scalar(select(Department.id).where(Department.name == clean,
                                                               Department.id != department_id))
        if taken is not None:
            raise Conflict(N_("A department named {name} already exists."), name=clean)
        department.name, department.active = clean, active
        uow.record("update", "department", department.id, {"name": clean, "active": active})
        uow.emit(Topic.STAFF, department.id)
        return DepartmentView(department.id, clean, active)


def list_departments(ctx: Context, *, include_inactive: bool = False) -> list[DepartmentView]:
    """The departments still in use (or all of them), by name."""
    stmt = select(Department.id, Department.name, Department.active).order_by(Department.name)
    if not include_inactive:
        stmt = stmt.where(Department.active)
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [DepartmentView(i, n, a) for i, n, a in rows]


def create_doctor(ctx: Context, full_name: str, specialty: str, *, room_id: int | None = None,
                  user_id: int | None = None, color: str = "#4a90d9") -> DoctorView:
    require(ctx, Permission.MANAGE_STAFF)
    full = clean_text(full_name, N_("Full name"), max_length=120, required=True)
    spec = clean_text(specialty, N_("Specialty"), max_length=80, required=True)
    with unit_of_work(ctx) as uow:
        room_name = ""
        if room_id is not None:
            room = uow.session.get(Room, room_id)
            if room is None:
                raise NotFound(N_("The room no longer exists."))
            room_name = room.name
        if user_id is not None and uow.session.get(StaffUser, user_id) is None:
            raise NotFound(N_("The user no longer exists."))
        doctor = Doctor(full_name=full, specialty=spec, room_id=room_id, user_id=user_id, color=color)
        uow.session.add(doctor)
        uow.session.flush()
        uow.record("create", "doctor", doctor.id, {"full_name": full, "specialty": spec})
        uow.emit(Topic.STAFF, doctor.id)
        return DoctorView(doctor.id, full, spec, room_id, room_name, color)


def active_doctor(session: Session, doctor_id: int) -> Doctor:
    """The doctor, if they exist and still work here; otherwise a translated NotFound."""
    doctor = session.get(Doctor, doctor_id)
    if doctor is None or not doctor.active:
        raise NotFound(N_("This doctor no longer exists."))
    return doctor


def list_doctors(ctx: Context) -> list[DoctorView]:
    with ctx.db.read() as session:
        rows = session.execute(
            select(Doctor, Room.name).outerjoin(Room, Room.id == Doctor.room_id)
            .where(Doctor.active.is_(True)).order_by(Doctor.full_name)
        ).all()
    return [DoctorView(d.id, d.full_name, d.specialty, d.room_id, room or "", d.color) for d, room in rows]


def save_setting(ctx: Context, key: str, value: bytes) -> None:
    """Keep a preference of the signed-in user (for example the window's dock layout)."""
    if ctx.actor is None:
        raise PermissionDenied(N_("Please sign in first."))
    if len(value) > MAX_SETTING_BYTES:
        raise InvalidInput(N_("{field} is too large."), field=N_("Setting"))
    with ctx.db.write() as session:
        row = session.get(UserSetting, (ctx.actor.user_id, key))
        if row is None:
            session.add(UserSetting(user_id=ctx.actor.user_id, key=key, value=value))
        else:
            row.value = value


def load_setting(ctx: Context, key: str) -> bytes | None:
    if ctx.actor is None:
        return None
    with ctx.db.read() as session:
        row = session.get(UserSetting, (ctx.actor.user_id, key))
        return row.value if row else None
