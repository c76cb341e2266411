"""
Serbian in Cyrillic script, made from the Latin: the interface's catalogue (locale/sr) is transliterated into
locale/sr_Cyrl by `make catalogues`, and content (the ``*_sr`` fields) at render time. There is no Cyrillic copy of
anything to keep in step.

Searches go the other way: a query typed in Cyrillic is also looked for in Latin (``to_latin``).

The rule. Serbian Latin maps letter for letter onto Cyrillic (lj, nj and dž are one letter each: љ, њ, џ), keeping
case (Lj and LJ are Љ). What is not Serbian text stays as it is:

- markup and code: HTML tags and entities, URLs, e-mail addresses, ``%(name)s`` and ``{name}`` placeholders;
- acronyms: a word of two or more capital letters (NATO, KFOR, EULEX, UNMIK; Roman numerals too), also when a
  Serbian ending follows a hyphen (KFOR-a gives KFOR-а);
- the site's own name, KFOR Timeline;
- foreign words: a word with a letter outside the Serbian Latin alphabet (q, w, x, y, ë, ü...) is a name in
  another language (Twitter, Xinhua, Mitrovicë);
- numbers, which are no letters.

A few words join two letters that only look like a digraph (injekcija: инјекција, nadživeti: надживети); they are
listed in SPLIT_DIGRAPHS. Foreign names written in Serbian's own letters (Pristina) are transliterated like any word.
"""

import re
import sys
from pathlib import Path

from django.utils.translation import get_language

# The language code of Serbian in Cyrillic script, and its prefix (/sr-cyrl/); Django's locale for it is sr_Cyrl.
CYRILLIC_SERBIAN = "sr-cyrl"

DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
LETTERS = dict(zip(
    ["a", "b", "c", "č", "ć", "d", "đ", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "š",
     "t", "u", "v", "z", "ž"],
    "абцчћдђефгхијклмнопрсштувзж",
))
SERBIAN_LATIN = set(LETTERS) | {letter.upper() for letter in LETTERS}
# Word beginnings in which the letters of a seeming digraph belong to two parts of the word ("|" marks the seam).
SPLIT_DIGRAPHS = ("in|jekc", "kon|junkt", "nad|živ", "pod|žanr")

_KEPT = re.compile(
    r"KFOR Timeline"  # the site's name
    r"|<[^>]*>"  # an HTML tag, with its attributes
    r"|&#?\w+;"  # an entity
    r"|(?:https?://|mailto:|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]"  # a URL, without the punctuation after it
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgG%]"  # a printf placeholder
    r"|\{[^{}\s]*\}"  # a format placeholder
)
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"dž|lj|nj|.", re.IGNORECASE | re.DOTALL)


def _letter(match):
    latin = match.group()
    cyrillic = DIGRAPHS.get(latin.lower()) or LETTERS.get(latin.lower(), latin)
    return cyrillic.upper() if latin[0].isupper() else cyrillic


def _word(match):
    word = match.group()
    if len(word) > 1 and word.isupper() and word.isascii():
        return word  # an acronym
    if not set(word) <= SERBIAN_LATIN:
        return word  # a foreign word, or one already in Cyrillic
    for split in SPLIT_DIGRAPHS:
        if word.lower().startswith(split.replace("|", "")):
            seam = split.index("|")
            return _LETTER.sub(_letter, word[:seam]) + _LETTER.sub(_letter, word[seam:])
    return _LETTER.sub(_letter, word)


def to_cyrillic(text):
    """Serbian Latin ``text`` in Cyrillic script, by the rule above."""
    if not text:
        return text
    kept = [match.span() for match in _KEPT.finditer(text)]
    pieces, start = [], 0
    for begin, end in kept + [(len(text), len(text))]:
        pieces.append(_WORD.sub(_word, text[start:begin]))
        pieces.append(text[begin:end])
        start = end
    return "".join(pieces)


_LATIN = {cyrillic: latin for latin, cyrillic in {**LETTERS, **DIGRAPHS}.items()}
_CYRILLIC_LETTER = re.compile("[" + "".join(_LATIN) + "]", re.IGNORECASE)


def _latin_letter(match):
    cyrillic = match.group()
    latin = _LATIN[cyrillic.lower()]
    if cyrillic.islower():
        return latin
    following = match.string[match.end():match.end() + 1]
    return latin.upper() if following.isupper() else latin.capitalize()  # Љубо gives Ljubo, ЉУБО gives LJUBO


def to_latin(text):
    """
    Serbian Cyrillic ``text`` in Latin script, letter for letter (љ, њ, џ give lj, nj, dž): the reverse of
    ``to_cyrillic``, for what a reader types in Cyrillic, since the content is kept in Latin. Other text (Latin,
    other Cyrillic letters such as Russian ы) stays as it is.
    """
    return _CYRILLIC_LETTER.sub(_latin_letter, text) if text else text


def reading_cyrillic():
    """Whether the page being made is Serbian in Cyrillic script."""
    return get_language() == CYRILLIC_SERBIAN


def in_reader_script(serbian):
    """Serbian (Latin) text as the reader reads it: in Cyrillic on the Cyrillic pages, as it is elsewhere."""
    return to_cyrillic(serbian) if reading_cyrillic() else serbian


def cyrillic_catalogue(latin_po):
    """The Serbian catalogue at ``latin_po`` (a polib.POFile or a path), its translations transliterated."""
    import polib

    catalogue = latin_po if isinstance(latin_po, polib.POFile) else polib.pofile(str(latin_po))
    catalogue.metadata["Language"] = "sr_Cyrl"
    for entry in catalogue:
        entry.msgstr = to_cyrillic(entry.msgstr)
        entry.msgstr_plural = {n: to_cyrillic(form) for n, form in entry.msgstr_plural.items()}
    return catalogue


if __name__ == "__main__":
    # make catalogues: python -m kfor_site.cyrillic locale/sr/LC_MESSAGES/django.po locale/sr_Cyrl/LC_MESSAGES/django.mo
    source, target = sys.argv[1:3]
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    cyrillic_catalogue(source).save_as_mofile(target)
