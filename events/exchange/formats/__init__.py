"""
The file formats the importer reads. Each module offers ``NAME``,
``sniff(file)``: does this file look like mine?, and ``read(file)``: its
records as Rows in the exchange shape, with problems reported to
``file.problems``. A format touches neither the database nor the Document:
the reader puts the rows in the Document, and the importers match them with
what the database holds. The reader
asks them in this order; a file no format recognises is read as our own,
whose reader says what it expected.
"""

from . import acled, kfor, timelinejs

FORMATS = (kfor, timelinejs, acled)
BY_NAME = {module.NAME: module for module in FORMATS}
NAMES = tuple(BY_NAME)
