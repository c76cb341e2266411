"""
Full-text search. PostgreSQL: a weighted tsvector column kept current by a
trigger, a GIN index, web-search syntax, ranking and highlighted snippets.
SQLite: the same query syntax (quoted phrases, -exclusions) matched with
LIKE, so the results page works on both.
"""

import hashlib
import itertools
import re
import weakref

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, connections
from django.db.migrations.operations import RunSQL
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        queryset = queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        if headline_field:
            queryset = queryset.annotate(
                headline=SearchHeadline(
                    headline_field, query, config=SEARCH_CONFIG, start_sel=_START, stop_sel=_STOP,
                    max_words=35, min_words=15,
                )
            )
        return queryset.order_by("-rank", "pk")
    wanted, excluded = parse_query(text)
    if not wanted and not excluded:
        return queryset.none()
    for term in wanted:
        queryset = queryset.filter(_any_field(fields, term))
    for term in excluded:
        queryset = queryset.exclude(_any_field(fields, term))
    # Rank: a match in the first (most important) field first.
    first = Q(**{f"{fields[0]}__icontains": wanted[0]}) if wanted else Q(pk__isnull=False)
    queryset = queryset.annotate(rank=Case(When(first, then=Value(2)), default=Value(1), output_field=IntegerField()))
    if headline_field:
        queryset = queryset.annotate(headline=F(headline_field))
    return queryset.order_by("-rank", "pk")


class CompiledSearch:
    """
    A search whose queryset ``build(text)`` makes. On PostgreSQL its SQL is the same for every text, which is one of
    its parameters: the ORM builds and compiles it once per process, PostgreSQL plans it once per connection (it is
    PREPAREd there), and each search EXECUTEs it with its text, giving the same rows as the queryset. Building,
    compiling and planning cost more than running it: planning the sources' search, with its test of what is public,
    takes ten times as long as running it. Elsewhere (SQLite's LIKE search, whose SQL grows with the words) the
    queryset is built for each text.
    """

    PLACEHOLDER = "\u2063search-text\u2063"  # a text no reader's search can equal (U+2063 marks the snippets too)

    def __init__(self, build):
        self.build = build
        self.compiled = None  # (model, database alias, statement name, PREPARE statement, parameters)

    def __call__(self, text):
        """The rows ``build(text)`` gives, as a list."""
        if connection.vendor != "postgresql":
            return list(self.build(text))
        if self.compiled is None:
            queryset = self.build(self.PLACEHOLDER)
            sql, params = queryset.query.get_compiler(queryset.db).as_sql()
            self.compiled = (queryset.model, queryset.db, *prepared_statement(sql, params), params)
        model, db, name, prepare, params = self.compiled
        database = connections[db]
        database.ensure_connection()
        prepared = _prepared.setdefault(database.connection, set())  # a new connection has none
        if name not in prepared:
            with database.cursor() as cursor:
                cursor.execute(prepare)
            prepared.add(name)
        params = [text if param == self.PLACEHOLDER else param for param in params]
        execute = f"EXECUTE {name}({', '.join(['%s'] * len(params))})"
        return list(model._default_manager.db_manager(db).raw(execute, params))


# The statements prepared on each PostgreSQL connection (psycopg's), by name. PREPARE lasts as long as the
# connection, whatever becomes of the transaction it ran in.
_prepared = weakref.WeakKeyDictionary()
_PARAMETER_TYPES = ((bool, "boolean"), (int, "bigint"), (float, "double precision"), (str, "text"))  # str: choices too


def prepared_statement(sql, params):
    """
    A name for the SQL ``sql`` (with %s placeholders, as Django's compiler writes it) and the PREPARE statement that
    makes it a prepared statement of that name, with the types of ``params`` (text, numbers, booleans).
    """
    types = ", ".join(next(name for kind, name in _PARAMETER_TYPES if isinstance(param, kind)) for param in params)
    numbers = itertools.count(1)
    body = re.sub(r"%%|%s", lambda match: "%" if match[0] == "%%" else f"${next(numbers)}", sql)
    name = "search_" + hashlib.sha256(f"{types}:{body}".encode()).hexdigest()[:16]
    return name, f"PREPARE {name} ({types}) AS {body}"


def searchable_rows(rows, *, fields):
    """
    ``rows`` (dicts holding ``pk`` and ``fields``) as search_rows searches them: each with the text of its ``fields``
    casefolded, once, for short lists kept whole in memory and searched many times, such as actors and places.
    """
    return [(row, [(row[name] or "").casefold() for name in fields]) for row in rows]


def search_rows(rows, text):
    """
    What ``search`` selects where there is no full-text index (SQLite), among ``rows`` as searchable_rows gives
    them: each wanted term in some field, no excluded term in any; a match of the first wanted term in the first
    field ranks first, then by id. Returns the rows (dicts).
    """
    wanted, excluded = ([term.casefold() for term in terms] for terms in parse_query(text))
    if not wanted and not excluded:
        return []

    def has(folded, term):
        return any(term in value for value in folded)

    hits = [(row, folded) for row, folded in rows
            if all(has(folded, term) for term in wanted) and not any(has(folded, term) for term in excluded)]
    best = wanted[0] if wanted else None
    hits.sort(key=lambda hit: (best is None or best not in hit[1][0], hit[0]["pk"]))
    return [row for row, _ in hits]


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
    terms = sorted(parse_query(text)[0], key=len, reverse=True)
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
