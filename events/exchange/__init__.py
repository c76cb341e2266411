"""
The exchange pipeline: how records come in from files and go out as downloads.

    spec.py        the kfor-timeline/1 format: kinds, fields, CSV files and columns
    reader.py      opens each file once and hands it to the format that recognises it
    formats/       kfor (ours), timelinejs and acled: sniff() and read(), which returns rows
    rows.py        a record read from a file, everything one import read, and its problems
    cleaning.py    every conversion of a value read from a file, done once
    importers/     one run in one transaction, a class per kind of record
    bulk.py        COPY on PostgreSQL, bulk_create elsewhere
    exporters.py   the published dataset or a selection, as JSON or CSV tables
"""
