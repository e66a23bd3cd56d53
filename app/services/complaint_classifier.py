"""Suggesting a complaint's category and urgency from its text, in any of the clinic's languages.

Two sources, in this order: the clinic's keyword rules (a word that points to a category or an urgency,
edited by the clinic), then a multinomial naive Bayes over character n-grams learnt from the clinic's own
past classified complaints. Character n-grams need no tokenizer, so Korean and Chinese (no spaces between
words) work like Russian and Romanian (many endings of one word): "기다렸", "等了", "ждал" and "așteptat"
share their n-grams with the words the clinic has already classified. Pure Python: no model files.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

L = TypeVar("L", bound=Hashable)

_NOT_LETTER = re.compile(r"[^\w]+|_|\d+")
#: Below this many learnt examples the model's guess is not worth showing.
MIN_EXAMPLES = 3


def normalise(text: str) -> str:
    """Compatibility-folded, casefolded, accents kept apart from letters, digits and punctuation as spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " " + " ".join(_NOT_LETTER.sub(" ", folded).split()) + " "


def _is_ideographic(ch: str) -> bool:
    """Hangul and Han: one character already carries meaning."""
    return ch >= "\u2e80"


def features(text: str) -> Counter[str]:
    """Character 2- to 4-grams across the normalised text, plus single Hangul and Han characters."""
    norm = normalise(text)
    grams: Counter[str] = Counter(ch for ch in norm if _is_ideographic(ch))
    for n in (2, 3, 4):
        grams.update(norm[i:i + n] for i in range(len(norm) - n + 1))
    return grams


@dataclass
class NaiveBayes(Generic[L]):
    """Multinomial naive Bayes with Laplace smoothing."""

    alpha: float = 0.5
    _docs: Counter[L] = field(default_factory=Counter)
    _counts: dict[L, Counter[str]] = field(default_factory=dict)
    _totals: Counter[L] = field(default_factory=Counter)
    _vocabulary: set[str] = field(default_factory=set)

    def learn(self, text: str, label: L) -> None:
        grams = features(text)
        self._docs[label] += 1
        self._counts.setdefault(label, Counter()).update(grams)
        self._totals[label] += sum(grams.values())
        self._vocabulary.update(grams)

    @property
    def examples(self) -> int:
        return sum(self._docs.values())

    def scores(self, text: str) -> dict[L, float]:
        """Log-probability of each label for ``text`` (unnormalised)."""
        grams = features(text)
        total_docs = self.examples
        size = len(self._vocabulary) + 1
        result: dict[L, float] = {}
        for label, docs in self._docs.items():
            counts, denominator = self._counts[label], self._totals[label] + self.alpha * size
            score = math.log(docs / total_docs)
            for gram, times in grams.items():
                if gram in self._vocabulary:
                    score += times * math.log((counts[gram] + self.alpha) / denominator)
            result[label] = score
        return result

    def predict(self, text: str) -> tuple[L, float] | None:
        """The likeliest label and its probability among the labels, or None with too little to go on."""
        if self.examples < MIN_EXAMPLES or len(self._docs) < 2:
            return None
        scores = self.scores(text)
        best = max(scores, key=lambda label: scores[label])
        top = scores[best]
        probability = 1 / sum(math.exp(s - top) for s in scores.values())
        return best, probability


def keyword_hits(text: str, rules: Mapping[L, Mapping[str, Iterable[str]]]) -> Counter[L]:
    """How many of each label's keywords (in any language: a patient writes in their own) the text holds."""
    norm = normalise(text)
    hits: Counter[L] = Counter()
    for label, by_locale in rules.items():
        for words in by_locale.values():
            hits[label] += sum(1 for word in words if word and normalise(word).strip() in norm)
    return +hits


@dataclass(frozen=True)
class Guess(Generic[L]):
    label: L
    #: "keywords" when a clinic rule decided, "learnt" when the model did.
    source: str
    confidence: float


class Classifier(Generic[L]):
    """Keyword rules first, the learnt model second."""

    def __init__(self, rules: Mapping[L, Mapping[str, Iterable[str]]]) -> None:
        self.rules = rules
        self.model: NaiveBayes[L] = NaiveBayes()

    def learn(self, examples: Iterable[tuple[str, L]]) -> Classifier[L]:
        for text, label in examples:
            self.model.learn(text, label)
        return self

    def guess(self, text: str) -> Guess[L] | None:
        hits = keyword_hits(text, self.rules)
        if hits:
            most = max(hits.values())
            tied = [label for label, count in hits.items() if count == most]
            if len(tied) == 1:
                return Guess(tied[0], "keywords", 1.0)
            learnt = self.model.scores(text) if self.model.examples else {}
            best = max(tied, key=lambda label: learnt.get(label, -math.inf))
            return Guess(best, "keywords", 1 / len(tied))
        predicted = self.model.predict(text)
        if predicted is None:
            return None
        return Guess(predicted[0], "learnt", predicted[1])
