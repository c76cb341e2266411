"""One bibliography style for the whole site, close to Chicago's notes-bibliography form."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .dates import Precision, format_date


def split_lines(text):
    """The non-blank lines of a text field (authors, aliases), stripped: how lists are kept in one column."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _join_authors(names):
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def format_entry(source):
    """A bibliography entry as escaped HTML: author, title, publisher, date, link, access date, archive."""
    parts = []
    authors = source.author_list
    if authors:
        parts.append(format_html("{}. ", _join_authors(authors).rstrip(".")))
    parts.append(format_html("“{}.” ", source.title.rstrip(".")))
    publication = [p for p in (source.publisher, format_date(source.published, source.published_precision)) if p]
    if publication:
        parts.append(format_html("<i>{}</i>{}. ", publication[0], "".join(", " + p for p in publication[1:])))
    if source.url and source.link_is_dead:
        # The link no longer works: show it as text and send the reader to the archived copy.
        checked = format_date(source.link_checked_at.date(), Precision.DAY)
        parts.append(format_html('<span class="dead-link">{}</span> (link dead when checked on {}). ', source.url, checked))
    elif source.url:
        parts.append(format_html('<a href="{0}" rel="noopener">{0}</a>. ', source.url))
    if source.accessed_on:
        parts.append(format_html("Accessed {}. ", format_date(source.accessed_on, Precision.DAY)))
    if source.archive_url:
        when = format_date(source.archived_on, Precision.DAY) if source.archived_on else ""
        parts.append(
            format_html('<a href="{}" rel="noopener">Archived copy</a>{}.', source.archive_url, f" of {when}" if when else "")
        )
    return mark_safe("".join(parts).strip())


def format_entries(sources):
    return format_html_join("\n", "<li>{}</li>", ((format_entry(s),) for s in sources))
