import pytest

from sources.links import normalise_url


@pytest.mark.parametrize(
    "raw, normalised",
    [
        ("HTTPS://Edition.CNN.com/2021/09/28/x.html", "https://edition.cnn.com/2021/09/28/x.html"),
        ("https://www.nato.int/a.htm#top", "https://www.nato.int/a.htm"),
        ("https://example.org/a?utm_source=tw&utm_medium=social&id=3&fbclid=x", "https://example.org/a?id=3"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org", "https://example.org/"),
        ("https://user:secret@example.org/a", "https://example.org/a"),
        ("  ", ""),
    ],
)
def test_normalise_url(raw, normalised):
    assert normalise_url(raw) == normalised


def test_path_case_is_kept():
    assert normalise_url("https://undocs.org/S/RES/1244(1999)") == "https://undocs.org/S/RES/1244(1999)"
