"""Fixed dates inside the ZIP packages that Word and Excel files are.

python-docx and openpyxl write each part of a package with the time of writing, so the same
report would give different bytes every second. Re-packing the parts, unchanged and in their
order, with one fixed date makes the files reproducible: the date given with `--date`, else
1980-01-01, the earliest date a ZIP entry can hold.
"""

from __future__ import annotations

import datetime
import io
import zipfile

EARLIEST = datetime.date(1980, 1, 1)


def with_fixed_dates(package: bytes, date: datetime.date | None = None) -> bytes:
    """`package` (a ZIP archive) with every entry dated `date` (default `EARLIEST`)."""
    day = date or EARLIEST
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # the same permissions wherever it is made
            target.writestr(info, source.read(entry))
    return out.getvalue()
