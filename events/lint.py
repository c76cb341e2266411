"""
A lint for the text editors write and import: it warns, and never blocks a save unless asked
(an import's --strict). Its strict findings, misnomers and garbled numbers, hold back publishing
until a reviewer overrides them with a reason (services.event_lint_hold). It looks for what the
founding article got wrong:

- misnamed bodies, from the list editors keep in the admin (Misnomer: "National
  Atlantic Treaty Organization" for NATO);
- text in another language than the field's (the article's stray Italian sentence);
- garbled numbers, a figure followed by a number word ("4000 mila");
- relative phrases with nothing to anchor them ("today", "recently", "last year");
- an event citing one document twice under two keys.
"""

import re
from dataclasses import dataclass

from sources.duplicates import duplicate_pairs

from .translation import TRANSLATED_FIELDS, TRANSLATED_LANGUAGES

# Fields of each kind of record whose text the lint reads, with the language each is written in.
ENGLISH_FIELDS = {"events": ("title", "summary", "body"), "actors": ("name", "description"), "places": ("name",),
                  "legal_bases": ("summary",)}
TEXT_FIELDS = {
    kind: {**dict.fromkeys(fields, "en"), **{f"{field}_{code}": code for field in TRANSLATED_FIELDS.get(kind, ())
                                           for code in TRANSLATED_LANGUAGES}}
    for kind, fields in ENGLISH_FIELDS.items()
}
# Small, frequent words that tell the languages the articles about KFOR mix apart.
STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "was", "were", "is", "by", "with", "from", "for", "that", "on", "its", "their"},
    "it": {"il", "la", "le", "di", "del", "della", "nel", "corso", "sono", "da", "che", "per", "una", "gli", "tempo",
           "andate", "circa", "numero", "attuale", "passando"},
    "sq": {"dhe", "të", "në", "një", "për", "është", "me", "nga", "së", "i", "e", "u", "ka", "si"},
    "sr": {"i", "u", "je", "na", "se", "od", "za", "da", "su", "sa", "koji", "kao", "iz", "nije"},
    "fr": {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "sur"},
    "de": {"der", "die", "das", "und", "ist", "mit", "von", "für", "den", "nicht", "eine"},
}
LANGUAGES_OF = {}  # word -> the languages it is a small word of
for _language, _words_of in STOPWORDS.items():
    for _word in _words_of:
        LANGUAGES_OF.setdefault(_word, []).append(_language)
ALBANIAN_LETTERS, SERBIAN_LETTERS = set("ë"), set("čćđšž")
NUMBER_WORD_HINT = re.compile("mil|thousand|billion|hiljad|mijë")
NUMBER_WORDS = r"(mila|mille|milioni|miliardi|thousand|million|billion|hiljada|miliona|mijë|milion)"
GARBLED_NUMBER = re.compile(rf"\b\d[\d.,]*\s+{NUMBER_WORDS}\b", re.IGNORECASE)
RELATIVE = re.compile(
    r"\b(today|yesterday|tomorrow|recently|nowadays|currently|at present|now|this (week|month|year)|"
    r"last (week|month|year)|next (week|month|year)|(a|one|two|three|four|five|six|several) (days?|weeks?|months?|years?) "
    r"(later|earlier|ago))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LintWarning:
    field: str
    message: str
    # A strict finding is a fact or a name stated wrongly: it holds back publishing until a reviewer overrides it.
    strict: bool = False


# Fewer words than this are too few to tell a language by (and most titles are that short).
MIN_WORDS = 10
PUNCTUATION = str.maketrans({c: " " for c in ".,;:!?()[]{}\"'“”‘’«»–—-/0123456789"})
# Cheap tests that clear most texts before the regular expressions run: an import lints every row.
RELATIVE_HINT = re.compile("today|yesterday|tomorrow|recent|nowaday|current|present|now|this |last |next |later|earlier| ago")
DIGIT = re.compile(r"\d")


def _words(text):
    return text.lower().translate(PUNCTUATION).split()


def language_of(text):
    """The language whose small words the text uses most, or None for too little text to tell."""
    if text.count(" ") < MIN_WORDS - 1:
        return None
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    scores = dict.fromkeys(STOPWORDS, 0)
    for word in words:
        for language in LANGUAGES_OF.get(word, ()):
            scores[language] += 1
    # Albanian and Serbian share short words ("i", "e", "u"), but not letters: ë is Albanian's, č ć đ š ž Serbian's.
    letters = set(text.lower())
    if letters & ALBANIAN_LETTERS:
        scores["sr"] = 0
    if letters & SERBIAN_LETTERS:
        scores["sq"] = 0
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None


def _sentences(text):
    if ". " not in text and "\n" not in text and "? " not in text and "! " not in text:
        return [text]
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


class Misnomers:
    """The editors' wrong names, compiled once for a run: most texts are cleared by one search."""

    def __init__(self, pairs=()):
        self.pairs = [(wrong, right) for wrong, right in pairs if wrong]
        self.any = re.compile("|".join(re.escape(w) for w, _ in self.pairs), re.IGNORECASE) if self.pairs else None

    def found(self, text):
        if self.any is None or not self.any.search(text):
            return []
        found = []
        for wrong, right in self.pairs:
            # The right name may contain the wrong one ("… Mission" within "… Mission in Kosovo"): it is taken out first.
            remaining = re.sub(re.escape(right), " ", text, flags=re.IGNORECASE) if right else text
            if wrong.lower() in remaining.lower():
                found.append((wrong, right))
        return found


def lint_text(field, text, language, misnomers=None):
    """Warnings for one field's text written in ``language`` (en, sq or sr)."""
    if not text:
        return []
    if not isinstance(misnomers, Misnomers):
        misnomers = Misnomers(misnomers or ())
    warnings = [LintWarning(field, f"{wrong!r} is a misnomer: write {right!r}", True)
                for wrong, right in misnomers.found(text)]
    for sentence in _sentences(text):
        found = language_of(sentence)
        if found and found != language and not (found == "sr" and language == "en" and len(_words(sentence)) < 12):
            warnings.append(LintWarning(field, f"this sentence seems to be in {found}, not {language}: {sentence[:80]!r}"))
    lowered = text.lower()
    if DIGIT.search(text) and NUMBER_WORD_HINT.search(lowered):
        for match in GARBLED_NUMBER.finditer(text):
            warnings.append(LintWarning(field, f"garbled number {match.group(0)!r}: write the figure once, in digits", True))
    if language == "en" and RELATIVE_HINT.search(lowered):
        for match in RELATIVE.finditer(text):
            warnings.append(LintWarning(field, f"relative phrase {match.group(0)!r} has no anchor: give the date it means"))
    return warnings


def lint_record(kind, values, misnomers=None):
    """Warnings for a record's text fields, given as {field: text}."""
    if not isinstance(misnomers, Misnomers):
        misnomers = Misnomers(misnomers or ())
    fields = TEXT_FIELDS.get(kind, {})
    return [w for name, language in fields.items() if values.get(name)
            for w in lint_text(name, values[name], language, misnomers)]


def duplicate_citations(sources):
    """Warnings for an event whose citations name one document under two keys."""
    return [
        LintWarning("citations", f"sources {a.key!r} and {b.key!r} look like one document ({reason}): cite it once")
        for a, b, reason in duplicate_pairs(sorted(sources, key=lambda source: source.key))  # one order every run
    ]


def misnomers():
    """The editors' list of wrong names, compiled."""
    from .models import Misnomer

    return Misnomers(Misnomer.objects.values_list("wrong", "right"))
