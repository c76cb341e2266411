from django.db import migrations

from sources.search import PostgresOnlySQL, search_trigger_sql

# Title first, then who wrote and published it, then the editors' notes.
SQL, REVERSE_SQL = search_trigger_sql(
    "sources_source", {"title": "A", "authors": "B", "publisher": "B", "notes": "C"}
)


class Migration(migrations.Migration):
    dependencies = [("sources", "0002_search_vector")]

    operations = [PostgresOnlySQL(SQL, REVERSE_SQL)]
