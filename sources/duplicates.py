"""Finding sources that are probably the same document: the same link, or nearly the same title from the same publisher."""

import re
import unicodedata
from difflib import SequenceMatcher

from .links import normalise_url

SIMILAR_TITLES = 0.9


def _comparable(text):
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def duplicate_pairs(sources):
    """Pairs (a, b, reason) among ``sources``: same normalised URL, or near-identical title with the same publisher."""
    pairs, by_url, by_publisher = [], {}, {}
    for source in sources:
        url = normalise_url(source.url)
        if url:
            if url in by_url:
                pairs.append((by_url[url], source, "same link"))
            else:
                by_url[url] = source
        by_publisher.setdefault(_comparable(source.publisher), []).append(source)
    for group in by_publisher.values():
        titles = [(_comparable(s.title), s) for s in group]
        for i, (title_a, a) in enumerate(titles):
            for title_b, b in titles[i + 1:]:
                if normalise_url(a.url) and normalise_url(a.url) == normalise_url(b.url):
                    continue  # already paired by link
                if re.findall(r"\d+", title_a) != re.findall(r"\d+", title_b):
                    continue  # "Resolution 1244" and "Resolution 1245" are different documents
                if title_a and SequenceMatcher(None, title_a, title_b).ratio() >= SIMILAR_TITLES:
                    pairs.append((a, b, "near-identical title and publisher"))
    return pairs
