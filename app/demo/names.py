"""Realistic generated people for the demo clinic and the search benchmark: names, phones, birth dates.

A clinic in Seoul with an international desk: mostly Korean patients, and Chinese, Russian-speaking
(including Koryo-saram families such as Ким and Цой), Romanian and English-speaking ones. Each name is
written in its own script and order (김민준, 王秀英, Иванова Анна Сергеевна, Ștefan Popescu, Emily Johnson);
foreigners carry the Latin spelling of their passport. Everything comes from the caller's ``Random``, so a
seed gives the same people every time.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from app.models.patients import AcquisitionChannel, Sex
from app.services.patients import PatientInput

T = TypeVar("T")

# -- Korean ---------------------------------------------------------------------------------------------

#: Family names with their rough share of the population (per mille); 남궁, 선우, 황보 and 제갈 are two syllables.
KOREAN_FAMILY: tuple[tuple[str, int], ...] = (
    ("김", 215), ("이", 147), ("박", 84), ("최", 47), ("정", 44), ("강", 23), ("조", 21), ("윤", 20), ("장", 20),
    ("임", 17), ("한", 15), ("오", 15), ("서", 15), ("신", 15), ("권", 14), ("황", 14), ("안", 13), ("송", 13),
    ("류", 12), ("전", 11), ("홍", 11), ("고", 9), ("문", 9), ("양", 9), ("손", 9), ("배", 8), ("백", 8),
    ("허", 6), ("유", 6), ("남", 5), ("심", 5), ("노", 4), ("하", 4), ("곽", 4), ("성", 4), ("차", 4), ("주", 4),
    ("우", 4), ("구", 4), ("민", 3), ("진", 3), ("나", 3), ("남궁", 1), ("선우", 1), ("황보", 1), ("제갈", 1),
)
KOREAN_GIVEN_MALE = (
    "민준", "서준", "도윤", "예준", "시우", "하준", "지호", "주원", "지후", "준우", "준서", "건우", "도현", "현우",
    "우진", "선우", "연우", "유준", "정우", "승우", "승현", "시윤", "준혁", "은우", "지환", "성민", "현준", "동현",
    "재민", "영수", "영호", "정호", "성호", "상훈", "진우", "민수", "영철", "광수", "종훈", "병철", "훈", "철",
)
KOREAN_GIVEN_FEMALE = (
    "서윤", "서연", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민", "채원", "수아", "지아", "지윤",
    "은서", "다은", "예은", "수빈", "소율", "예린", "영희", "순자", "미경", "정숙", "은정", "미영", "혜진", "수진",
    "지영", "현정", "경희", "옥순", "말순", "정희", "은영", "솔", "별",
)

# -- Chinese (with the pinyin of the passport) ----------------------------------------------------------

CHINESE_FAMILY: tuple[tuple[str, str, int], ...] = (
    ("王", "Wang", 72), ("李", "Li", 72), ("张", "Zhang", 68), ("刘", "Liu", 53), ("陈", "Chen", 46),
    ("杨", "Yang", 32), ("黄", "Huang", 24), ("赵", "Zhao", 23), ("吴", "Wu", 21), ("周", "Zhou", 21),
    ("徐", "Xu", 17), ("孙", "Sun", 15), ("马", "Ma", 15), ("朱", "Zhu", 14), ("胡", "Hu", 13), ("郭", "Guo", 12),
    ("何", "He", 12), ("高", "Gao", 10), ("林", "Lin", 10), ("罗", "Luo", 10), ("郑", "Zheng", 9),
    ("梁", "Liang", 9), ("谢", "Xie", 8), ("宋", "Song", 7), ("唐", "Tang", 7), ("许", "Xu", 7), ("韩", "Han", 6),
    ("冯", "Feng", 6), ("邓", "Deng", 6), ("曹", "Cao", 6), ("彭", "Peng", 5), ("曾", "Zeng", 5), ("肖", "Xiao", 5),
    ("田", "Tian", 5), ("董", "Dong", 5), ("袁", "Yuan", 4), ("潘", "Pan", 4), ("蒋", "Jiang", 4), ("蔡", "Cai", 4),
    ("叶", "Ye", 4), ("苏", "Su", 4), ("魏", "Wei", 4), ("欧阳", "Ouyang", 1), ("司马", "Sima", 1),
)
CHINESE_GIVEN_MALE = (
    ("伟", "Wei"), ("强", "Qiang"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("杰", "Jie"),
    ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("刚", "Gang"), ("平", "Ping"), ("建华", "Jianhua"),
    ("志强", "Zhiqiang"), ("晓明", "Xiaoming"), ("俊杰", "Junjie"), ("浩然", "Haoran"), ("宇轩", "Yuxuan"),
    ("思远", "Siyuan"), ("一鸣", "Yiming"), ("子轩", "Zixuan"), ("国庆", "Guoqing"),
)
CHINESE_GIVEN_FEMALE = (
    ("芳", "Fang"), ("娜", "Na"), ("秀英", "Xiuying"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"), ("艳", "Yan"),
    ("娟", "Juan"), ("霞", "Xia"), ("秀兰", "Xiulan"), ("桂英", "Guiying"), ("金凤", "Jinfeng"), ("子涵", "Zihan"),
    ("欣怡", "Xinyi"), ("梓涵", "Zihan"), ("雨桐", "Yutong"), ("佳怡", "Jiayi"), ("嘉怡", "Jiayi"), ("丽华", "Lihua"),
    ("婷婷", "Tingting"),
)

# -- Russian (family name in both genders, patronymic from the father's name) --------------------------

RUSSIAN_FAMILY: tuple[tuple[str, str], ...] = (
    ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
    ("Васильев", "Васильева"), ("Петров", "Петрова"), ("Соколов", "Соколова"), ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"), ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"), ("Лебедев", "Лебедева"), ("Семёнов", "Семёнова"), ("Егоров", "Егорова"),
    ("Павлов", "Павлова"), ("Козлов", "Козлова"), ("Степанов", "Степанова"), ("Николаев", "Николаева"),
    ("Орлов", "Орлова"), ("Андреев", "Андреева"), ("Макаров", "Макарова"), ("Никитин", "Никитина"),
    ("Захаров", "Захарова"), ("Зайцев", "Зайцева"), ("Соловьёв", "Соловьёва"), ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"), ("Григорьев", "Григорьева"), ("Романов", "Романова"), ("Воробьёв", "Воробьёва"),
    ("Белов", "Белова"), ("Ковальский", "Ковальская"), ("Жуков", "Жукова"), ("Щербаков", "Щербакова"),
    # Koryo-saram families: the same form for both genders
    ("Ким", "Ким"), ("Пак", "Пак"), ("Цой", "Цой"), ("Ли", "Ли"), ("Тен", "Тен"), ("Хан", "Хан"),
)
#: Male given name with the patronymics it gives a son and a daughter.
RUSSIAN_FATHERS: tuple[tuple[str, str, str], ...] = (
    ("Александр", "Александрович", "Александровна"), ("Сергей", "Сергеевич", "Сергеевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"), ("Андрей", "Андреевич", "Андреевна"),
    ("Алексей", "Алексеевич", "Алексеевна"), ("Максим", "Максимович", "Максимовна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"), ("Иван", "Иванович", "Ивановна"),
    ("Михаил", "Михайлович", "Михайловна"), ("Николай", "Николаевич", "Николаевна"),
    ("Владимир", "Владимирович", "Владимировна"), ("Павел", "Павлович", "Павловна"),
    ("Артём", "Артёмович", "Артёмовна"), ("Игорь", "Игоревич", "Игоревна"), ("Олег", "Олегович", "Олеговна"),
    ("Юрий", "Юрьевич", "Юрьевна"), ("Виктор", "Викторович", "Викторовна"),
    ("Константин", "Константинович", "Константиновна"), ("Роман", "Романович", "Романовна"),
    ("Денис", "Денисович", "Денисовна"), ("Вячеслав", "Вячеславович", "Вячеславовна"),
)
RUSSIAN_GIVEN_FEMALE = (
    "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина", "Светлана", "Юлия", "Анастасия",
    "Дарья", "Марина", "Людмила", "Галина", "Ксения", "Виктория", "Полина", "Софья", "Алина", "Алёна",
)

# -- Romanian (with its diacritics: ș ț ă î â) ----------------------------------------------------------

ROMANIAN_FAMILY = (
    "Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitrescu", "Stoica", "Stan", "Gheorghe", "Rusu", "Munteanu",
    "Matei", "Constantin", "Ciobanu", "Moldovan", "Dumitru", "Florea", "Ștefan", "Lungu", "Mihăilescu", "Tănase",
    "Țurcanu", "Răducanu", "Bălan", "Sârbu", "Călinescu", "Năstase", "Vlăduțiu", "Dobre", "Niță", "Ene", "Manea",
    "Șerban", "Oprea", "Toma", "Crăciun", "Ispas", "Nistor", "Cîrstea", "Brâncoveanu", "Ștefănescu", "Țîrlea",
)
ROMANIAN_GIVEN_MALE = (
    "Andrei", "Alexandru", "Ion", "Mihai", "Ștefan", "Gheorghe", "Vasile", "Constantin", "Cristian", "Florin",
    "Marius", "Bogdan", "Adrian", "Ionuț", "Răzvan", "Sorin", "Dănuț", "Cătălin", "Tudor", "Radu", "Mircea",
)
ROMANIAN_GIVEN_FEMALE = (
    "Maria", "Elena", "Ioana", "Ana", "Andreea", "Alexandra", "Mihaela", "Cristina", "Gabriela", "Daniela",
    "Ștefania", "Bianca", "Alina", "Roxana", "Oana", "Irina", "Mădălina", "Simona", "Anișoara", "Viorica",
    "Cătălina", "Ilinca", "Ana-Maria", "Ioana-Alexandra",
)

# -- English ---------------------------------------------------------------------------------------------

ENGLISH_FAMILY = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
    "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King",
    "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter",
    "Evans", "Turner", "O'Brien", "McDonald", "Murphy", "Kelly",
)
ENGLISH_GIVEN_MALE = (
    "James", "John", "Michael", "David", "William", "Robert", "Thomas", "Daniel", "Matthew", "Christopher",
    "Andrew", "Joseph", "Ryan", "Benjamin", "Samuel", "Liam", "Noah", "Oliver", "Ethan", "George",
)
ENGLISH_GIVEN_FEMALE = (
    "Emily", "Sarah", "Jessica", "Emma", "Olivia", "Sophie", "Hannah", "Charlotte", "Lauren", "Rachel", "Megan",
    "Grace", "Chloe", "Amelia", "Lucy", "Isabella", "Ava", "Mia", "Abigail", "Zoe",
)
ENGLISH_MIDDLE_MALE = ("James", "John", "Lee", "Alexander", "Edward", "Thomas")
ENGLISH_MIDDLE_FEMALE = ("Rose", "Marie", "Anne", "Louise", "Grace", "Elizabeth")

# -- where and how ---------------------------------------------------------------------------------------

SEOUL_DISTRICTS = ("강남구", "서초구", "송파구", "마포구", "용산구", "종로구", "중구", "성동구", "광진구", "영등포구")
SEOUL_STREETS = ("테헤란로", "강남대로", "도산대로", "봉은사로", "올림픽로", "한강대로", "이태원로", "세종대로",
                 "마포대로", "양화로", "압구정로", "동호로")
EMAIL_DOMAINS = {
    "zh_CN": ("qq.com", "163.com", "gmail.com"),
    "ru": ("mail.ru", "yandex.ru", "gmail.com"),
    "ro": ("yahoo.com", "gmail.com"),
    "en": ("gmail.com", "outlook.com", "icloud.com"),
}
#: Share of each language among the clinic's patients (per cent).
LANGUAGE_MIX: tuple[tuple[str, int], ...] = (("ko", 50), ("zh_CN", 14), ("ru", 14), ("en", 12), ("ro", 10))
ACQUISITION_MIX: tuple[tuple[AcquisitionChannel, int], ...] = (
    (AcquisitionChannel.WALK_IN, 20), (AcquisitionChannel.REFERRAL_PATIENT, 15),
    (AcquisitionChannel.REFERRAL_DOCTOR, 8), (AcquisitionChannel.WEBSITE, 12),
    (AcquisitionChannel.SEARCH_ENGINE, 12), (AcquisitionChannel.SOCIAL_MEDIA, 8), (AcquisitionChannel.MESSENGER, 6),
    (AcquisitionChannel.ADVERTISING, 5), (AcquisitionChannel.INSURANCE, 4), (AcquisitionChannel.OTHER, 3),
    (AcquisitionChannel.UNKNOWN, 7),
)
PATIENT_NOTES = (
    "알레르기: 페니실린", "Allergy: penicillin", "Нужен переводчик (русский)", "需要中文翻译", "당뇨병 (2형)",
    "Prefers a female doctor", "Hipertensiune arterială", "Беременность, 20 недель", "Pacemaker", "고혈압 약 복용 중",
)

_ICAO_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}


def transliterate_russian(text: str) -> str:
    """The Latin spelling of a Russian passport (ICAO 9303), for example Фёдорова -> Fedorova."""
    out = []
    for ch in text:
        latin = _ICAO_CYRILLIC.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def ascii_handle(text: str) -> str:
    """Lower-case ASCII letters of a Latin name, for an e-mail address (Ștefan -> stefan)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha()).lower()


@dataclass(frozen=True)
class Name:
    family: str
    given: str
    middle: str
    latin: str
    sex: Sex


def weighted(rng: random.Random, pairs: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def korean_name(rng: random.Random, sex: Sex) -> Name:
    given = rng.choice(KOREAN_GIVEN_MALE if sex is Sex.MALE else KOREAN_GIVEN_FEMALE)
    return Name(weighted(rng, KOREAN_FAMILY), given, "", "", sex)


def chinese_name(rng: random.Random, sex: Sex) -> Name:
    family, family_latin, _ = rng.choices(CHINESE_FAMILY, weights=[f[2] for f in CHINESE_FAMILY])[0]
    given, given_latin = rng.choice(CHINESE_GIVEN_MALE if sex is Sex.MALE else CHINESE_GIVEN_FEMALE)
    return Name(family, given, "", f"{family_latin.upper()} {given_latin}", sex)


def russian_name(rng: random.Random, sex: Sex) -> Name:
    male_family, female_family = rng.choice(RUSSIAN_FAMILY)
    _, son, daughter = rng.choice(RUSSIAN_FATHERS)
    if sex is Sex.MALE:
        family, given, middle = male_family, rng.choice(RUSSIAN_FATHERS)[0], son
    else:
        family, given, middle = female_family, rng.choice(RUSSIAN_GIVEN_FEMALE), daughter
    latin = f"{transliterate_russian(family).upper()} {transliterate_russian(given)}"
    return Name(family, given, middle, latin, sex)


def romanian_name(rng: random.Random, sex: Sex) -> Name:
    given = rng.choice(ROMANIAN_GIVEN_MALE if sex is Sex.MALE else ROMANIAN_GIVEN_FEMALE)
    return Name(rng.choice(ROMANIAN_FAMILY), given, "", "", sex)


def english_name(rng: random.Random, sex: Sex) -> Name:
    given = rng.choice(ENGLISH_GIVEN_MALE if sex is Sex.MALE else ENGLISH_GIVEN_FEMALE)
    middles = ENGLISH_MIDDLE_MALE if sex is Sex.MALE else ENGLISH_MIDDLE_FEMALE
    middle = rng.choice(middles) if rng.random() < 0.3 else ""
    return Name(rng.choice(ENGLISH_FAMILY), given, middle, "", sex)


NAME_MAKERS = {"ko": korean_name, "zh_CN": chinese_name, "ru": russian_name, "ro": romanian_name, "en": english_name}


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def korean_mobile(rng: random.Random) -> str:
    return f"010-{rng.randint(2, 9)}{_digits(rng, 3)}-{_digits(rng, 4)}"


def home_phone(rng: random.Random, locale: str) -> str:
    """A number in the patient's home country's usual written form."""
    if locale == "zh_CN":
        return f"+86 13{rng.randint(0, 9)} {_digits(rng, 4)} {_digits(rng, 4)}"
    if locale == "ru":
        return f"+7 9{_digits(rng, 2)} {_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 2)}"
    if locale == "ro":
        return f"+40 7{rng.randint(2, 8)}{_digits(rng, 1)} {_digits(rng, 3)} {_digits(rng, 3)}"
    if rng.random() < 0.5:
        return f"+1 ({rng.randint(2, 9)}{_digits(rng, 2)}) 555-01{_digits(rng, 2)}"
    return f"+44 7700 900{_digits(rng, 3)}"


def seoul_landline(rng: random.Random) -> str:
    return f"02-{rng.randint(2, 9)}{_digits(rng, 3)}-{_digits(rng, 4)}"


def birth_date(rng: random.Random, today: date, *, child: bool | None = None) -> date:
    """An age spread like a family clinic's: a fifth children, a fifth over 65."""
    roll = rng.random()
    if child or (child is None and roll < 0.18):
        age = rng.randint(0, 17)
    elif child is None and roll > 0.80:
        age = rng.randint(65, 92)
    else:
        age = rng.randint(18, 64)
    born = date(today.year - age, 1, 1) + timedelta(days=rng.randrange(365))
    return min(born, today - timedelta(days=rng.randint(20, 300)))


def age_on(born: date | None, day: date) -> int:
    """Whole years of age on ``day`` (0 when the birth date is unknown)."""
    if born is None:
        return 0
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _email(rng: random.Random, locale: str, name: Name) -> str:
    if locale == "ko" or rng.random() > 0.45:
        return ""
    latin = name.latin or f"{name.family} {name.given}"
    parts = [ascii_handle(part) for part in latin.split()]
    handle = ".".join(part for part in parts if part) or "patient"
    return f"{handle}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS[locale])}"


def _phones(rng: random.Random, locale: str) -> tuple[str, str]:
    if locale == "ko":
        phone = korean_mobile(rng)
    else:
        phone = korean_mobile(rng) if rng.random() < 0.65 else home_phone(rng, locale)
    second = seoul_landline(rng) if rng.random() < 0.08 else ""
    return phone, second


def _address(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return ""
    return f"서울특별시 {rng.choice(SEOUL_DISTRICTS)} {rng.choice(SEOUL_STREETS)} {rng.randint(1, 420)}"


def patient(rng: random.Random, today: date, locale: str | None = None) -> PatientInput:
    """One patient, as the registration form would have taken them."""
    locale = locale or weighted(rng, LANGUAGE_MIX)
    sex = Sex.MALE if rng.random() < 0.47 else Sex.FEMALE
    name = NAME_MAKERS[locale](rng, sex)
    phone, phone2 = _phones(rng, locale)
    return PatientInput(
        family_name=name.family, given_name=name.given, middle_name=name.middle, latin_name=name.latin,
        birth_date=birth_date(rng, today), sex=sex, phone=phone, phone2=phone2, email=_email(rng, locale, name),
        address=_address(rng), preferred_locale=locale, acquisition_channel=weighted(rng, ACQUISITION_MIX),
        notes=rng.choice(PATIENT_NOTES) if rng.random() < 0.04 else "",
        consent_data_processing=rng.random() < 0.96, consent_sms=rng.random() < 0.7, consent_email=rng.random() < 0.3,
    )


def patients(rng: random.Random, count: int, today: date) -> list[PatientInput]:
    return [patient(rng, today) for _ in range(count)]
