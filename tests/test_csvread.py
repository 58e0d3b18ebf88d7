"""Streaming CSV reading: encoding detection in pieces, line numbers, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from planchk import csvread
from planchk.csvread import CsvReadError, csv_batches, csv_rows, detect_encoding, detect_format
from planchk.problems import ProblemCode

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data"


def write(tmp_path: Path, data: bytes, name: str = "x.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("fixture", "encoding"),
    [
        ("utf8_bom.csv", "utf-8-sig"),
        ("gbk_chinese_headers.csv", "gb18030"),
        ("gb18030.csv", "gb18030"),
        ("quoted_newlines.csv", "utf-8-sig"),
    ],
)
def test_detects_the_encodings_excel_and_editors_write(fixture: str, encoding: str) -> None:
    assert detect_encoding(FIXTURES / fixture) == encoding


def test_utf8_mixed_with_gbk_lines_is_refused_naming_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"indicator,year,value,unit\n"
        + "1,2018,10500,家\n".encode()
        + "2,2018,1030,家\n".encode("gbk"),
    )
    with pytest.raises(CsvReadError) as info:
        detect_encoding(path)
    assert info.value.code is ProblemCode.ENCODING_ERROR
    assert info.value.line == 3
    assert "line 2 is UTF-8 but line 3 is not" in info.value.message


def test_bom_followed_by_gbk_text_is_mixed(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + "指标,年份,数值\n1,2018,10500\n".encode("gbk"))
    with pytest.raises(CsvReadError) as info:
        detect_encoding(path)
    assert info.value.line == 1
    assert "byte-order mark but line 1 is not UTF-8" in info.value.message


def test_nul_byte_after_the_first_chunk_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvread, "_CHUNK", 16)
    path = write(tmp_path, b"indicator,year,value\n" * 5 + b"1,2018,\x00\n")
    with pytest.raises(CsvReadError) as info:
        detect_encoding(path)
    assert info.value.code is ProblemCode.ENCODING_ERROR
    assert info.value.line == 6
    assert "binary" in info.value.message


def test_invalid_utf8_split_across_chunks_is_still_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three-byte characters cut by the chunk boundary must not look like invalid UTF-8.
    monkeypatch.setattr(csvread, "_CHUNK", 4)
    path = write(tmp_path, "指标,年份,数值\n".encode())
    assert detect_encoding(path) == "utf-8-sig"


def test_bytes_in_no_encoding_name_the_first_bad_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"a,b\n1,2\n3,\xff\xff\n")
    with pytest.raises(CsvReadError) as info:
        detect_encoding(path)
    assert (info.value.code, info.value.line) == (ProblemCode.ENCODING_ERROR, 3)
    assert "neither UTF-8 nor GB18030" in info.value.message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(CsvReadError) as info:
        detect_encoding(tmp_path / "absent.csv")
    assert info.value.code is ProblemCode.UNREADABLE_FILE


def test_rows_carry_the_line_they_start_on(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b\r\n1,"x\r\ny"\r\n\r\n2,z\n')
    assert list(csv_rows(path, "utf-8-sig")) == [
        (1, ["a", "b"]),
        (2, ["1", "x\r\ny"]),
        (4, []),
        (5, ["2", "z"]),
    ]


def test_an_over_long_line_stops_the_reading_after_earlier_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvread, "MAX_LINE_LENGTH", 20)
    path = write(tmp_path, b"a,b\n1,2\n" + b"x" * 50 + b"\n3,4\n")
    rows: list[tuple[int, list[str]]] = []
    with pytest.raises(CsvReadError) as info:
        rows.extend(csv_rows(path, "utf-8-sig"))
    assert rows == [(1, ["a", "b"]), (2, ["1", "2"])]
    assert (info.value.code, info.value.line) == (ProblemCode.MALFORMED_CSV, 3)
    assert "the rest of the file was not read" in info.value.message


def test_a_line_of_exactly_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvread, "MAX_LINE_LENGTH", 10)
    path = write(tmp_path, b"123456789\n" + b"abcdefghij")
    assert [line for line, _ in csv_rows(path, "utf-8-sig")] == [1, 2]


def test_unterminated_quote_is_malformed_csv(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b\n1,"open\n2,3\n')
    with pytest.raises(CsvReadError) as info:
        list(csv_rows(path, "utf-8-sig"))
    assert (info.value.code, info.value.line) == (ProblemCode.MALFORMED_CSV, 2)


def test_file_changed_between_passes_is_an_encoding_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a,b\n1,家\n".encode("gbk"))
    with pytest.raises(CsvReadError) as info:
        list(csv_rows(path, "utf-8-sig"))
    assert info.value.code is ProblemCode.ENCODING_ERROR


def batched(path: Path, size: int) -> list[tuple[int, list[str]]]:
    return [
        row
        for batch in csvread.csv_batches(path, "utf-8-sig", size)
        for row in zip(*batch, strict=True)
    ]


def test_batches_keep_line_numbers_across_quoted_line_breaks(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b\n1,"x\ny"\n\n2,"p\r\nq\rr"\n3,z\n')
    expected = [
        (1, ["a", "b"]),
        (2, ["1", "x\ny"]),
        (4, []),
        (5, ["2", "p\r\nq\rr"]),
        (8, ["3", "z"]),
    ]
    for size in (1, 2, 3, 2048):
        assert batched(path, size) == expected, size


def test_a_batch_of_long_rows_stops_after_about_batch_chars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvread, "_CHUNK", 1000)
    monkeypatch.setattr(csvread, "BATCH_CHARS", 5000)
    monkeypatch.setattr(csvread, "_STEP", 4)
    path = write(tmp_path, b"".join(b"%d,%s\n" % (n, b"x" * 500) for n in range(200)))
    batches = list(csvread.csv_batches(path, "utf-8-sig"))
    assert [row[0] for batch in batches for row in batch.rows] == [str(n) for n in range(200)]
    assert [line for batch in batches for line in batch.lines] == list(range(1, 201))
    # about 5,000 characters (10 rows) plus a piece and a step at most, never all 200 rows
    assert max(len(batch.rows) for batch in batches) <= 20
    assert len(batches) >= 10


def test_the_rows_before_an_error_come_in_a_last_batch(tmp_path: Path) -> None:
    path = write(tmp_path, b'a,b\n1,2\n3,"open\n4,5\n')
    found: list[csvread.RowBatch] = []
    with pytest.raises(CsvReadError) as info:
        found.extend(csvread.csv_batches(path, "utf-8-sig", 2))
    assert [row for batch in found for row in zip(*batch, strict=True)] == [
        (1, ["a", "b"]),
        (2, ["1", "2"]),
    ]
    assert (info.value.code, info.value.line) == (ProblemCode.MALFORMED_CSV, 3)


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("indicator\tvalue\r\n专利\t1,435\r\n".encode("utf-16"))
    text = detect_format(path)
    assert (text.encoding, text.delimiter, text.doubt) == ("utf-16", "\t", None)
    assert [row for _, row in _rows(path, text.encoding, text.delimiter)] == [
        ["indicator", "value"],
        ["专利", "1,435"],
    ]


def _rows(path: Path, encoding: str, delimiter: str) -> list[tuple[int, list[str]]]:
    return [
        (line, row)
        for lines, rows in csv_batches(path, encoding, delimiter=delimiter)
        for line, row in zip(lines, rows, strict=True)
    ]


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("indicator,year,value\n", ","),
        ("indicator\tyear\tvalue\n", "\t"),
        ("\n\nindicator\tyear\tvalue, note\n", "\t"),
        ("indicator;year;value\n", ","),  # refused by the header check, with a hint
    ],
)
def test_the_delimiter_is_told_by_the_header(tmp_path: Path, header: str, delimiter: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(header + "1,2,3\n", encoding="utf-8")
    assert detect_format(path).delimiter == delimiter


def test_gbk_read_from_western_text_is_in_doubt(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("indicator,note\n1,Zürich\n".encode("cp1252"))
    text = detect_format(path)
    assert text.encoding == "gb18030"
    assert text.doubt is not None
    assert text.doubt[0] == 2


def test_chinese_gbk_text_is_not_in_doubt(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("指标,数值,单位\n国家高新技术企业,10500,家\n".encode("gbk"))
    assert detect_format(path) == ("gb18030", ",", None)
