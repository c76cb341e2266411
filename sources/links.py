"""URL normalisation: the form in which a source's link is stored and compared."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived at a page, never which page it is.
TRACKING_PARAMETERS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid",
    "_ga", "_gl", "yclid", "twclid", "ref_src", "cmpid",
}
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_parameter(name):
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def normalise_url(url):
    """
    Lower-case the scheme and host, drop the default port, the fragment and
    tracking parameters. Returns "" for an empty value.

    >>> normalise_url("HTTPS://Edition.CNN.com/a?utm_source=x&id=3#top")
    'https://edition.cnn.com/a?id=3'
    """
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host  # credentials (user:password@) are dropped: they never belong in a citation
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_parameter(k)],
        doseq=True,
    )
    path = parts.path or ("/" if host else "")
    return urlunsplit((scheme, netloc, path, query, ""))
