import csv
import io


def write_csv(path, header, rows):
    """Write ``rows`` (dicts; missing columns are empty) under ``header`` as UTF-8 CSV, and return the path."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
