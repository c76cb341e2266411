from django.db import migrations

from sources.search import PostgresOnlySQL, search_trigger_sql

# Title first, then the summary, then the body, then the date as written and the editors' notes.
SQL, REVERSE_SQL = search_trigger_sql(
    "events_event", {"title": "A", "summary": "B", "body": "C", "display_date": "D", "notes": "D"}
)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_timestamps_and_search_vector")]

    operations = [PostgresOnlySQL(SQL, REVERSE_SQL)]
