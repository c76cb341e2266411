"""
Full-text search. PostgreSQL: a weighted tsvector column kept current by a
trigger, a GIN index, web-search syntax, ranking and highlighted snippets.
SQLite: the same query syntax (quoted phrases, -exclusions) matched with
LIKE, so the results page works on both.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.migrations.operations import RunSQL
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kfor_site.cyrillic import to_latin

SEARCH_CONFIG = "english"
# Markers that cannot occur in our text; the snippet is escaped first, then they become <mark>.
_START, _STOP = "\u2063[[", "]]\u2063"
_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


class PostgresOnlySQL(RunSQL):
    """RunSQL that runs on PostgreSQL and does nothing elsewhere (SQLite has no tsvector)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def search_trigger_sql(table, weighted_columns):
    """
    SQL for a trigger that fills ``search_vector`` from ``{column: weight}`` (a key may be a tuple of columns of
    one weight, such as a title and its translations), a GIN index, and a backfill.
    """
    def text(columns):  # one column, or several of one weight joined: one to_tsvector call a weight, not a column
        if isinstance(columns, str):
            return f"coalesce(NEW.{columns}, '')"
        return "concat_ws(' ', " + ", ".join(f"NEW.{column}" for column in columns) + ")"

    parts = " || ".join(
        f"setweight(to_tsvector('{SEARCH_CONFIG}', {text(columns)}), '{weight}')"
        for columns, weight in weighted_columns.items()
    )
    every = [column for columns in weighted_columns for column in ((columns,) if isinstance(columns, str) else columns)]
    columns = ", ".join(every)
    sql = f"""
        CREATE FUNCTION {table}_search_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {parts};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER {table}_search_update BEFORE INSERT OR UPDATE OF {columns} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_search_update();
        CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector);
        UPDATE {table} SET {every[0]} = {every[0]};
    """
    reverse = f"""
        DROP INDEX IF EXISTS {table}_search_idx;
        DROP TRIGGER IF EXISTS {table}_search_update ON {table};
        DROP FUNCTION IF EXISTS {table}_search_update();
    """
    return sql, reverse


def script_variants(text):
    """
    ``text`` and, if it has Serbian Cyrillic letters, the same in Latin: the content is kept in Latin (and shown in
    Cyrillic on the Cyrillic pages), while some sources' titles are in Cyrillic. A match of either counts.
    """
    latin = to_latin(text)
    return [text] if latin == text else [latin, text]


def parse_query(text):
    """Web-search syntax: words, "quoted phrases", and -excluded terms. Returns (wanted, excluded)."""
    wanted, excluded = [], []
    for match in _TERM.finditer(text or ""):
        minus, phrase = (match[1], match[2]) if match[2] is not None else (match[3], match[4])
        phrase = phrase.strip()
        if phrase and phrase not in ("-", "or", "OR"):
            (excluded if minus else wanted).append(phrase)
    return wanted, excluded


def search(queryset, text, *, fields, headline_field=None):
    """
    Filter and rank ``queryset`` by ``text``. ``fields`` are the text fields to
    match where there is no full-text index (SQLite), best first. Adds ``rank``
    and, when asked, ``headline``.
    """
    text = (text or "").strip()
    if not text:
        return queryset.none()
    if connection.vendor == "postgresql":
        variants = [SearchQuery(variant, search_type="websearch", config=SEARCH_CONFIG) for variant in script_variants(text)]
        query = variants[0] if len(variants) == 1 else variants[0] | variants[1]
        queryset = queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        if len(variants) > 1:  # a word left out in one script is left out in the other too
            for term in {term for variant in script_variants(text) for term in parse_query(variant)[1]}:
                queryset = queryset.exclude(search_vector=SearchQuery(term, search_type="phrase", config=SEARCH_CONFIG))
        if headline_field:
            queryset = queryset.annotate(
                headline=SearchHeadline(
                    headline_field, query, config=SEARCH_CONFIG, start_sel=_START, stop_sel=_STOP,
                    max_words=35, min_words=15,
                )
            )
        return queryset.order_by("-rank", "pk")
    queryset = like_search(queryset, text, fields=fields)
    if headline_field:
        queryset = queryset.annotate(headline=F(headline_field))
    return queryset


def like_search(queryset, text, *, fields):
    """
    What ``search`` selects where there is no full-text index: each wanted term in some of ``fields``, no excluded
    term in any (in the text as typed, or in Latin: ``script_variants``); a match of the first wanted term in the
    first field ranks first. For SQLite, and for the short lists (actors, places) that have no index.
    """
    matches = first = None
    variants = [parse_query(variant) for variant in script_variants(text)]
    for wanted, excluded in variants:
        if not wanted and not excluded:
            return queryset.none()
        match = Q()
        for term in wanted:
            match &= _any_field(fields, term)
        # Rank: a match in the first (most important) field first.
        first_field = Q(**{f"{fields[0]}__icontains": wanted[0]}) if wanted else Q(pk__isnull=False)
        matches, first = (match, first_field) if matches is None else (matches | match, first | first_field)
    queryset = queryset.filter(matches)
    for term in {term for _, excluded in variants for term in excluded}:  # left out in either script
        queryset = queryset.exclude(_any_field(fields, term))
    queryset = queryset.annotate(rank=Case(When(first, then=Value(2)), default=Value(1), output_field=IntegerField()))
    return queryset.order_by("-rank", "pk")


def _any_field(fields, term):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": term})
    return condition


def highlight(snippet, text, *, width=300):
    """Escaped snippet HTML with the matches in <mark>: PostgreSQL marks them, elsewhere we do."""
    snippet = snippet or ""
    if _START in snippet:
        return mark_safe(escape(snippet).replace(escape(_START), "<mark>").replace(escape(_STOP), "</mark>"))
    terms = sorted({term for variant in script_variants(text) for term in parse_query(variant)[0]}, key=len, reverse=True)
    if not terms:
        return escape(snippet[:width])
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = pattern.search(snippet)
    begin = max(0, first.start() - width // 3) if first else 0
    if begin:  # start at a word
        space = snippet.find(" ", begin, first.start())
        begin = space + 1 if space != -1 else begin
    window = snippet[begin:begin + width]
    parts, position = ["…" if begin else ""], 0
    for match in pattern.finditer(window):
        parts += [escape(window[position:match.start()]), f"<mark>{escape(match.group())}</mark>"]
        position = match.end()
    parts.append(escape(window[position:]) + ("…" if begin + width < len(snippet) else ""))
    return mark_safe("".join(parts))
