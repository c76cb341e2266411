from django.db import migrations

from sources.search import PostgresOnlySQL, search_trigger_sql

# The event's search vector covers its translations too: titles weigh as titles, summaries as summaries.
BEFORE = {"title": "A", "summary": "B", "body": "C", "display_date": "D", "notes": "D"}
AFTER = {("title", "title_sq", "title_sr"): "A", ("summary", "summary_sq", "summary_sr"): "B", "body": "C",
         ("display_date", "notes"): "D"}
OLD_SQL, DROP_OLD = search_trigger_sql("events_event", BEFORE)
NEW_SQL, DROP_NEW = search_trigger_sql("events_event", AFTER)


class Migration(migrations.Migration):
    dependencies = [("events", "0012_translations")]

    operations = [PostgresOnlySQL(DROP_OLD + NEW_SQL, DROP_NEW + OLD_SQL)]
