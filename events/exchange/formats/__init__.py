"""
The file formats the importer reads. Each module offers ``NAME``,
``sniff(file)``: does this file look like mine?, and ``read(file)``: add its
records to ``file.document``, or say why it is not of this format. The reader
asks them in this order; a file no format recognises is read as our own,
whose reader says what it expected.
"""

from . import acled, kfor, timelinejs

FORMATS = (kfor, timelinejs, acled)
BY_NAME = {module.NAME: module for module in FORMATS}
NAMES = tuple(BY_NAME)
