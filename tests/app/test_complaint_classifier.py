"""The category suggestion on a small labelled set in each of the five languages: accuracy printed, floor asserted.

The model learns from the "past" complaints (TRAIN) and is scored on complaints it has not seen (HELD_OUT):
what a clinic gets from its own history, before and after adding keyword rules.
"""

from __future__ import annotations

from app.models.complaints import Urgency
from app.services.complaint_classifier import Classifier, features, normalise
from app.services.complaint_suggestion import DEFAULT_URGENCY_KEYWORDS

W, B, S, F = "waiting", "billing", "staff", "facility"

TRAIN: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("I waited over an hour past my appointment time", W), ("Long wait in the waiting room again", W),
        ("Nobody told us why we had to wait so long", W),
        ("I was charged twice on my invoice", B), ("The bill shows a test I never had", B),
        ("Wrong amount charged to my card", B),
        ("The receptionist was rude to my mother", S), ("Staff were impolite and shouted", S),
        ("The nurse was unfriendly and dismissive", S),
        ("The toilet was dirty and had no soap", F), ("The waiting room is too cold", F),
        ("Broken chairs and a dirty floor", F),
    ],
    "ko": [
        ("예약 시간보다 한 시간 넘게 기다렸습니다", W), ("대기 시간이 너무 깁니다", W),
        ("기다리는 이유를 아무도 설명하지 않았어요", W),
        ("영수증에 같은 검사 비용이 두 번 청구되었습니다", B), ("진료비가 잘못 청구되었습니다", B),
        ("카드 결제 금액이 다릅니다", B),
        ("접수 직원이 불친절했습니다", S), ("간호사가 반말을 하고 불친절했어요", S), ("직원 태도가 무례했습니다", S),
        ("화장실이 더럽고 휴지가 없었습니다", F), ("대기실이 너무 춥습니다", F),
        ("의자가 부서져 있고 바닥이 더러워요", F),
    ],
    "ru": [
        ("Ждал приёма больше часа после назначенного времени", W), ("Очень долгое ожидание в очереди", W),
        ("Никто не объяснил, почему так долго ждать", W),
        ("В счёте дважды указан один анализ", B), ("С карты списали неверную сумму оплаты", B),
        ("Счёт за приём выставлен неправильно", B),
        ("Администратор грубо разговаривала с моей мамой", S), ("Медсестра была груба и невежлива", S),
        ("Персонал невежливый, на нас накричали", S),
        ("В туалете грязно и нет мыла", F), ("В зале ожидания очень холодно", F), ("Сломанные стулья и грязный пол", F),
    ],
    "ro": [
        ("Am așteptat peste o oră după ora programării", W), ("Așteptare foarte lungă în sala de așteptare", W),
        ("Nimeni nu ne-a spus de ce așteptăm atât", W),
        ("Mi s-a facturat de două ori aceeași analiză", B), ("Suma de plată de pe factură este greșită", B),
        ("Mi-ați luat bani de pe card de două ori, factura e greșită", B),
        ("Recepționera a fost nepoliticoasă cu mama mea", S), ("Asistenta a fost nepoliticoasă și a țipat", S),
        ("Personalul a fost nepoliticos și nepăsător", S),
        ("Toaleta era murdară și fără săpun", F), ("În sala de așteptare este foarte frig", F),
        ("Scaune stricate și podea murdară", F),
    ],
    "zh_CN": [
        ("预约十点，结果等了一个多小时", W), ("候诊时间太长了", W), ("等了很久也没人解释原因", W),
        ("收据上同一项检查收费两次", B), ("刷卡金额和收据金额不一致", B), ("账单金额算错了", B),
        ("前台工作人员态度很差", S), ("护士态度冷淡，说话不礼貌", S), ("工作人员对我母亲态度恶劣", S),
        ("厕所很脏，没有洗手液", F), ("候诊室太冷了", F), ("椅子坏了，地板很脏", F),
    ],
}
HELD_OUT: dict[str, list[tuple[str, str]]] = {
    "en": [("We waited two hours and nobody explained the wait", W), ("My invoice has the wrong amount charged", B),
           ("The receptionist was rude and impolite", S), ("The toilet floor was dirty", F)],
    "ko": [("두 시간이나 기다렸는데 설명이 없었습니다", W), ("검사 비용이 두 번 청구되었어요", B),
           ("접수 직원 태도가 불친절합니다", S), ("화장실 바닥이 더러웠습니다", F)],
    "ru": [("Долго ждал в очереди, никто не объяснил", W), ("В счёте неверная сумма оплаты", B),
           ("Администратор была груба и невежлива", S), ("В туалете грязный пол", F)],
    "ro": [("Am așteptat două ore la programare", W), ("Factura are o sumă greșită de plată", B),
           ("Recepționera a fost foarte nepoliticoasă", S), ("Toaleta murdară, fără săpun", F)],
    "zh_CN": [("等了两个小时，没人解释", W), ("收据金额收费错误", B), ("前台态度不礼貌", S), ("厕所地板很脏", F)],
}
#: What a clinic might type into its keyword rules after a week (a few words per category and language).
KEYWORDS = {
    W: {"en": ["wait"], "ko": ["기다", "대기"], "ru": ["ждал", "ожидан"], "ro": ["aștept"], "zh_CN": ["等"]},
    B: {"en": ["invoice", "charged"], "ko": ["청구", "영수증"], "ru": ["счёт", "оплат"], "ro": ["factur"],
        "zh_CN": ["收据", "金额"]},
}
FLOOR_PER_LANGUAGE = 0.75
FLOOR_OVERALL = 0.85


def _accuracy(classifier: Classifier[str]) -> dict[str, float]:
    result = {}
    for language, items in HELD_OUT.items():
        hits = 0
        for text, label in items:
            guess = classifier.guess(text)
            hits += guess is not None and guess.label == label
        result[language] = hits / len(items)
    return result


def _report(title: str, accuracy: dict[str, float]) -> float:
    overall = sum(accuracy.values()) / len(accuracy)
    print(f"\n{title}: " + ", ".join(f"{lang} {value:.0%}" for lang, value in accuracy.items())
          + f"; overall {overall:.0%}")
    return overall


def test_learnt_from_past_complaints_alone():
    classifier = Classifier[str]({}).learn(item for items in TRAIN.values() for item in items)
    accuracy = _accuracy(classifier)
    overall = _report("category suggestion, learnt only", accuracy)
    assert overall >= FLOOR_OVERALL
    assert min(accuracy.values()) >= FLOOR_PER_LANGUAGE, accuracy


def test_keyword_rules_with_learning():
    classifier = Classifier[str](KEYWORDS).learn(item for items in TRAIN.values() for item in items)
    accuracy = _accuracy(classifier)
    overall = _report("category suggestion, keywords + learnt", accuracy)
    assert overall >= FLOOR_OVERALL
    assert min(accuracy.values()) >= FLOOR_PER_LANGUAGE, accuracy


def test_keywords_alone_decide_before_any_history():
    classifier = Classifier[str](KEYWORDS)
    guess = classifier.guess("Я ждал два часа")
    assert guess is not None
    assert (guess.label, guess.source) == (W, "keywords")
    assert classifier.guess("The doctor was great") is None, "no rule, no history: no guess"


def test_default_urgency_keywords_in_every_language():
    classifier = Classifier[Urgency](DEFAULT_URGENCY_KEYWORDS)
    for text in ("I am allergic to penicillin and was given it", "페니실린 알레르기가 있다고 했는데",
                 "У меня аллергия, а мне дали препарат", "Sunt alergică la penicilină", "我对青霉素过敏"):
        guess = classifier.guess(text)
        assert guess is not None, text
        assert guess.label is Urgency.CRITICAL, text


def test_features_need_no_tokenizer():
    assert normalise("  Ждал,  2 часа!! ") == " ждал часа "
    grams = features("等了很久")
    assert grams["等"] == 1
    assert grams["等了"] == 1
