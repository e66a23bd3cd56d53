"""The demo clinic's price list: services in five languages, in won (KRW has no minor unit).

Prices are what an international clinic in Seoul asks of patients without national insurance; they
include VAT, which only the cosmetic laser treatment carries (medical care is exempt in Korea).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.i18n import LOCALES
from app.models.catalog import Service, ServiceCategory, ServiceName

CATEGORIES: dict[str, tuple[str, str]] = {
    "CONS": ("진료 · Consultations", "#9db7d5"),
    "DIAG": ("검사 · Diagnostics", "#a9d5b5"),
    "PROC": ("처치 · Procedures", "#e8c39e"),
    "VACC": ("예방접종 · Vaccinations", "#c9b3e6"),
    "DOCS": ("제증명 · Certificates and copies", "#d9d9d9"),
    "CHK": ("건강검진 · Health check-ups", "#f0b3b3"),
}


@dataclass(frozen=True)
class PriceItem:
    code: str
    category: str
    price: int
    minutes: int
    en: str
    ko: str
    ru: str
    ro: str
    zh_CN: str
    tax_rate: int = 0

    def name(self, locale: str) -> str:
        return str(getattr(self, locale))


PRICE_LIST: tuple[PriceItem, ...] = (
    PriceItem("C101", "CONS", 50_000, 30, "Initial consultation", "초진 진찰", "Первичный приём",
              "Consultație inițială", "初诊"),
    PriceItem("C102", "CONS", 35_000, 15, "Follow-up consultation", "재진 진찰", "Повторный приём",
              "Consultație de control", "复诊"),
    PriceItem("C103", "CONS", 70_000, 30, "Specialist consultation", "전문의 진찰", "Консультация специалиста",
              "Consultație de specialitate", "专科门诊"),
    PriceItem("C104", "CONS", 45_000, 15, "Pediatric consultation", "소아 진찰", "Приём педиатра",
              "Consultație pediatrică", "儿科门诊"),
    PriceItem("C105", "CONS", 80_000, 30, "Consultation with an interpreter", "통역 동반 진찰",
              "Приём с переводчиком", "Consultație cu interpret", "带翻译门诊"),
    PriceItem("D201", "DIAG", 15_000, 15, "Complete blood count", "일반혈액검사", "Общий анализ крови",
              "Hemoleucogramă completă", "血常规"),
    PriceItem("D202", "DIAG", 45_000, 15, "Blood chemistry panel", "혈액화학검사", "Биохимический анализ крови",
              "Analize biochimice", "血液生化检查"),
    PriceItem("D203", "DIAG", 8_000, 15, "Urinalysis", "소변검사", "Общий анализ мочи", "Examen de urină", "尿常规"),
    PriceItem("D204", "DIAG", 25_000, 15, "Electrocardiogram", "심전도 검사", "ЭКГ", "Electrocardiogramă", "心电图"),
    PriceItem("D205", "DIAG", 30_000, 15, "Chest X-ray", "흉부 X선 촬영", "Рентген грудной клетки",
              "Radiografie toracică", "胸部X光"),
    PriceItem("D206", "DIAG", 90_000, 30, "Abdominal ultrasound", "복부 초음파", "УЗИ брюшной полости",
              "Ecografie abdominală", "腹部超声"),
    PriceItem("D207", "DIAG", 70_000, 30, "Thyroid ultrasound", "갑상선 초음파", "УЗИ щитовидной железы",
              "Ecografie tiroidiană", "甲状腺超声"),
    PriceItem("D208", "DIAG", 30_000, 15, "Rapid influenza test", "인플루엔자 신속검사", "Экспресс-тест на грипп",
              "Test rapid gripal", "流感快速检测"),
    PriceItem("D209", "DIAG", 120_000, 15, "Allergy panel", "알레르기 검사", "Аллергопанель",
              "Panel alergologic", "过敏原检测"),
    PriceItem("D210", "DIAG", 35_000, 30, "Hearing test", "청력 검사", "Аудиометрия", "Audiogramă", "听力检查"),
    PriceItem("D211", "DIAG", 40_000, 30, "Eye examination", "안과 검사", "Проверка зрения",
              "Examen oftalmologic", "眼科检查"),
    PriceItem("P301", "PROC", 20_000, 15, "Wound dressing", "상처 드레싱", "Перевязка", "Pansament", "伤口换药"),
    PriceItem("P302", "PROC", 25_000, 15, "Suture removal", "봉합사 제거", "Снятие швов", "Scoaterea firelor",
              "拆线"),
    PriceItem("P303", "PROC", 60_000, 60, "IV fluid therapy", "수액 치료", "Капельница", "Perfuzie intravenoasă",
              "静脉输液"),
    PriceItem("P304", "PROC", 20_000, 15, "Earwax removal", "귀지 제거", "Удаление серной пробки",
              "Extragerea dopului de cerumen", "耵聍清除"),
    PriceItem("P305", "PROC", 150_000, 30, "Laser mole removal", "레이저 점 제거", "Лазерное удаление родинки",
              "Îndepărtarea alunițelor cu laser", "激光祛痣", tax_rate=10),
    PriceItem("P306", "PROC", 80_000, 30, "Joint injection", "관절 주사", "Внутрисуставная инъекция",
              "Infiltrație articulară", "关节注射"),
    PriceItem("P307", "PROC", 40_000, 45, "Physiotherapy session", "물리치료", "Сеанс физиотерапии",
              "Ședință de fizioterapie", "物理治疗"),
    PriceItem("V401", "VACC", 40_000, 15, "Influenza vaccine", "독감 예방접종", "Прививка от гриппа",
              "Vaccin antigripal", "流感疫苗"),
    PriceItem("V402", "VACC", 50_000, 15, "Hepatitis B vaccine", "B형 간염 예방접종", "Прививка от гепатита B",
              "Vaccin hepatită B", "乙肝疫苗"),
    PriceItem("V403", "VACC", 60_000, 15, "Tdap vaccine", "Tdap 예방접종", "Прививка АКДС (Tdap)", "Vaccin dTpa",
              "百白破疫苗"),
    PriceItem("V404", "VACC", 180_000, 15, "HPV vaccine", "자궁경부암(HPV) 예방접종", "Прививка от ВПЧ",
              "Vaccin HPV", "HPV疫苗"),
    PriceItem("V405", "VACC", 200_000, 15, "Shingles vaccine", "대상포진 예방접종",
              "Прививка от опоясывающего лишая", "Vaccin herpes zoster", "带状疱疹疫苗"),
    PriceItem("A501", "DOCS", 20_000, 15, "Medical certificate", "진단서 발급", "Медицинская справка",
              "Certificat medical", "诊断证明书"),
    PriceItem("A502", "DOCS", 10_000, 15, "Sick-leave certificate", "병가 확인서 발급",
              "Справка о временной нетрудоспособности", "Certificat de concediu medical", "病假证明"),
    PriceItem("A503", "DOCS", 3_000, 15, "Attendance confirmation", "진료확인서 발급", "Справка о посещении",
              "Adeverință de prezentare", "就诊证明"),
    PriceItem("A504", "DOCS", 1_000, 15, "Copy of medical records", "의무기록 사본", "Копия медицинской карты",
              "Copie a fișei medicale", "病历复印"),
    PriceItem("H601", "CHK", 250_000, 60, "Basic health check-up", "기본 건강검진", "Базовый медосмотр",
              "Control medical de bază", "基础体检"),
    PriceItem("H602", "CHK", 650_000, 60, "Comprehensive health check-up", "종합 건강검진",
              "Комплексный медосмотр", "Control medical complet", "全面体检"),
    PriceItem("H603", "CHK", 60_000, 30, "Pre-employment check-up", "채용 신체검사", "Медосмотр при приёме на работу",
              "Control medical la angajare", "入职体检"),
    PriceItem("H604", "CHK", 80_000, 30, "Visa medical examination", "비자 신체검사", "Медосмотр для визы",
              "Examen medical pentru viză", "签证体检"),
)
#: The clinic's own language: the price list's main name.
MAIN_LOCALE = "ko"


@dataclass(frozen=True)
class PricedService:
    id: int
    item: PriceItem

    @property
    def price(self) -> Decimal:
        return Decimal(self.item.price)


def insert_price_list(session: Session) -> dict[str, PricedService]:
    """Categories, services and their names in every language; the services by code."""
    category_ids = list(session.scalars(
        insert(ServiceCategory).returning(ServiceCategory.id, sort_by_parameter_order=True),
        [{"name": name, "color": color} for name, color in CATEGORIES.values()],
    ))
    by_code = dict(zip(CATEGORIES, category_ids, strict=True))
    service_ids = list(session.scalars(
        insert(Service).returning(Service.id, sort_by_parameter_order=True),
        [{"code": item.code, "name": item.name(MAIN_LOCALE), "category_id": by_code[item.category],
          "price": Decimal(item.price), "tax_rate": Decimal(item.tax_rate), "duration_minutes": item.minutes,
          "active": True} for item in PRICE_LIST],
    ))
    session.execute(insert(ServiceName), [
        {"service_id": service_id, "locale": locale, "name": item.name(locale)}
        for service_id, item in zip(service_ids, PRICE_LIST, strict=True) for locale in LOCALES
    ])
    return {item.code: PricedService(service_id, item)
            for service_id, item in zip(service_ids, PRICE_LIST, strict=True)}
