"""Text encodings: UTF-8 with or without a byte-order mark is read; Windows-1252 is refused clearly or read on request."""

import pytest
from django.core.management import CommandError, call_command

from events.models import Actor

pytestmark = pytest.mark.django_db
CSV = "slug,name,kind\npristina,Prishtinë – Priština,government\n"


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV.encode("utf-8"))
    call_command("import_data", str(path), verbosity=0)
    assert Actor.objects.get().name == "Prishtinë – Priština"


def test_windows_1252_is_refused_with_advice(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes(CSV.replace(" – Priština", "").encode("cp1252"))
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(path), verbosity=0)
    assert "actors.csv: not UTF-8 text" in str(caught.value) and "--encoding cp1252" in str(caught.value)
    assert not Actor.objects.exists()


def test_windows_1252_is_read_when_asked(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes(CSV.replace(" – Priština", "").encode("cp1252"))
    call_command("import_data", str(path), "--encoding", "cp1252", verbosity=0)
    assert Actor.objects.get().name == "Prishtinë"


def test_unknown_encoding_is_refused(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(CSV, encoding="utf-8")
    with pytest.raises(CommandError, match="cannot be read as klingon"):
        call_command("import_data", str(path), "--encoding", "klingon", verbosity=0)


def test_huge_field_is_refused_with_its_row(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,kind,description\nx,X,state,\"" + "a" * 200_000 + "\"\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"actors.csv, row 2: malformed CSV \(field larger than field limit"):
        call_command("import_data", str(path), verbosity=0)


def test_truncated_json_is_refused(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"format": "kfor-timeline/1", "actors": [{"slug": "x", "na', encoding="utf-8")
    with pytest.raises(CommandError, match="data.json: line 1, column .*malformed JSON"):
        call_command("import_data", str(path), verbosity=0)
