"""Extract an LMS zip file, trusting nothing its headers say (limits.FILES bounds every member,
the ratio and the total); a member that cannot be extracted is a reason, never a stop."""

import re
import unicodedata
import zipfile
from pathlib import Path

from autograder.inside.limits import FILES


def unzip(archive_path, into):
    """Extract an LMS zip file into ``into``; return (member name, reason) for each member left out.

    Nothing its headers say is trusted: each member is read as a stream and counted, and
    stops at the notebook limit, at a compression ratio no notebook has, or when the zip's
    total is reached. A member that cannot be read (corrupt data, a lying header, a bad
    checksum) or has an odd name (absolute, "..", control characters, too long, the same name
    twice, even in another case or Unicode form) is left out with its reason; the rest are
    extracted. A zip that cannot be read at all is one reason.
    """
    name = archive_path.name
    try:
        archive = zipfile.ZipFile(archive_path)
    except Exception as error:   # BadZipFile, a name that is not UTF-8, a truncated file...
        return [(name, f"a zip file that cannot be read ({type(error).__name__}: {str(error)[:200]})")]
    problems, taken = [], set()
    total_left = min(FILES["zip_total_mb"] * 2**20,
                     max(FILES["notebook_mb"] * 2**20, FILES["zip_ratio"] * archive_path.stat().st_size))
    with archive:
        members = archive.infolist()
        if len(members) > FILES["zip_members"]:
            problems.append((name, f"{len(members):,} files in the zip: only the first "
                                   f"{FILES['zip_members']:,} are read"))
        for member in members[:FILES["zip_members"]]:
            if member.is_dir():
                continue
            reason, relative = _member_path(member.filename, taken)
            if reason is None and total_left <= 0:
                reason = (f"not extracted: the zip's files came to {FILES['zip_total_mb']:,} MB or "
                          f"{FILES['zip_ratio']} times the zip's size, its limit")
            if reason is None:
                try:
                    total_left -= _extract(archive, member, into / relative, total_left)
                except Exception as error:   # corrupt data: BadZipFile, zlib.error, EOFError, CRC...
                    (into / relative).unlink(missing_ok=True)
                    reason = _member_failure(error)
            if reason is not None:
                problems.append((member.filename, reason))
    return problems


class _TooMuch(Exception):
    pass


def _extract(archive, member, target, total_left):
    """Copy one member to ``target`` as a stream, counting; return its size. Raises _TooMuch
    over the notebook limit, over the zip's ratio, or past ``total_left``."""
    limit = FILES["notebook_mb"] * 2**20
    written = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, open(target, "xb") as copy:
        while chunk := source.read(2**20):
            written += len(chunk)
            if written > limit:
                raise _TooMuch(too_large(written) + " (it holds more; reading stopped)")
            if written > 2**20 and written > FILES["zip_ratio"] * max(member.compress_size, 1):
                raise _TooMuch(f"compressed more than {FILES['zip_ratio']} times, as no notebook is "
                               f"(a zip bomb?): not extracted")
            if written > total_left:
                raise _TooMuch(f"not extracted: the zip's files came to over {FILES['zip_total_mb']:,} MB "
                               f"or {FILES['zip_ratio']} times the zip's size, its limit")
            copy.write(chunk)
    return written


def _member_failure(error):
    if isinstance(error, _TooMuch):
        return str(error)
    return f"cannot be read from the zip file ({type(error).__name__}: {str(error)[:200]})"


# Names that Windows keeps for devices: harmless here, but a TA may unzip the same file elsewhere.
_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


def _member_path(name, taken):
    """(None, the path to extract a zip member to) or (the reason its name is refused, None).

    ``taken`` holds the names already given, compared as a case-insensitive file system
    (macOS, Windows) would, after Unicode normalisation: a second one is refused.
    """
    normal = name.replace("\\", "/")   # zips made on Windows may use either separator
    parts = [p for p in normal.split("/") if p not in ("", ".")]
    if len(name) > 4 * FILES["name_chars"] or any(len(p.encode("utf-8", "replace")) > FILES["name_chars"]
                                                   for p in parts):
        return "a name too long for a file system: skipped", None
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal) or ".." in parts:
        return "unsafe path in the zip file (absolute, or outside the zip's folder): skipped", None
    if not parts or any(unicodedata.category(c)[0] == "C" for c in normal):
        return "a name with control or invisible characters in it: skipped", None
    if any(_DEVICES.match(p) for p in parts):
        return "a name that Windows keeps for a device: skipped", None
    key = unicodedata.normalize("NFC", "/".join(parts)).casefold()
    if key in taken:
        return "a second file of the same name (perhaps in another case or Unicode form): skipped", None
    taken.add(key)
    return None, Path(*parts)


def too_large(size):
    return (f"too large to grade ({size / 2**20:,.0f} MB; the limit is {FILES['notebook_mb']} MB): "
            f"clear its outputs (Edit > Clear Outputs of All Cells) and hand it in again")
