"""`ltp corpus fetch`: download the official PDFs named in the manifest, safely and resumably.

Each file is downloaded to `NAME.part` (resumed with an HTTP Range request after a cut-off), checked
(complete length, a real PDF), then renamed into place and recorded with its sha256 in `sources.lock.json`.
A failed download leaves any earlier copy and the lock file exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import httpx
from tqdm import tqdm

from indexer.manifest import Source

LOCK_NAME = "sources.lock.json"
CHUNK = 64 * 1024


class FetchError(Exception):
    """A download that could not be completed; the message says why and what to try."""


@dataclass
class FetchResult:
    doc_id: str
    file: str
    url: str
    status: str
    """"downloaded", "up to date" or "failed"."""
    bytes: int = 0
    sha256: str = ""
    message: str = ""


def read_lock(dest: Path) -> dict:
    lock = dest / LOCK_NAME
    return json.loads(lock.read_text()) if lock.exists() else {}


def fetch_official(
    sources: list[Source],
    dest: Path,
    timeout: float = 30.0,
    retries: int = 3,
    progress: bool = True,
    force: bool = False,
    backoff: float = 1.0,
) -> list[FetchResult]:
    """Download every source's official PDF into `dest`; already-complete files are skipped."""
    dest.mkdir(parents=True, exist_ok=True)
    lock = read_lock(dest)
    results: list[FetchResult] = []
    with httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), follow_redirects=True) as client:
        for source in sources:
            if not source.official:
                continue
            url, name = source.official.pdf_url, source.official.file
            target = dest / name
            recorded = lock.get(name)
            unchanged = recorded and recorded["url"] == url and target.exists() and _sha256(target) == recorded["sha256"]
            if unchanged and not force:
                results.append(FetchResult(source.id, name, url, "up to date", recorded["bytes"], recorded["sha256"]))
                continue
            try:
                size = _download(client, url, target, retries, progress, backoff)
            except FetchError as exc:
                results.append(FetchResult(source.id, name, url, "failed", message=str(exc)))
                if "cannot reach" in str(exc):
                    break
                continue
            digest = _sha256(target)
            lock[name] = {"doc_id": source.id, "url": url, "sha256": digest, "bytes": size,
                          "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%S")}
            _write_json(dest / LOCK_NAME, lock)
            results.append(FetchResult(source.id, name, url, "downloaded", size, digest))
    return results


def _download(client: httpx.Client, url: str, target: Path, retries: int, progress: bool, backoff: float) -> int:
    part = target.with_name(target.name + ".part")
    last_error = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * attempt)
        try:
            size = _stream(client, url, part, progress)
        except httpx.ConnectError as exc:
            host = urlparse(url).hostname
            raise FetchError(f"cannot reach {host} ({exc}); check the internet connection or proxy and try again") from exc
        except (httpx.TransportError, _Incomplete) as exc:
            last_error = str(exc) or type(exc).__name__
            continue
        except _ServerError as exc:
            last_error = str(exc)
            if exc.status < 500:
                break
            continue
        if not part.read_bytes()[:5] == b"%PDF-":
            part.unlink()
            raise FetchError(f"{url} did not return a PDF; the address in corpus/sources.toml may be out of date")
        os.replace(part, target)
        return size
    raise FetchError(f"{url}: {last_error} (after {retries + 1} attempts); try again later")


class _Incomplete(Exception):
    pass


class _ServerError(Exception):
    def __init__(self, status: int, url: str):
        super().__init__(f"the server answered HTTP {status} for {url}")
        self.status = status


def _stream(client: httpx.Client, url: str, part: Path, progress: bool) -> int:
    """Download into `part`, resuming from its current size; returns the complete size."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 416:
            part.unlink(missing_ok=True)
            raise _Incomplete("the partial download was stale; starting again")
        if response.status_code >= 400:
            raise _ServerError(response.status_code, url)
        resumed = response.status_code == 206
        if not resumed:
            have = 0
        expected = _expected_size(response, have)
        with part.open("ab" if resumed else "wb") as handle, tqdm(
            total=expected, initial=have, unit="B", unit_scale=True, desc=part.name.removesuffix(".part"),
            disable=not progress, file=sys.stderr,
        ) as bar:
            for chunk in response.iter_bytes(CHUNK):
                handle.write(chunk)
                bar.update(len(chunk))
    size = part.stat().st_size
    if expected is not None and size != expected:
        raise _Incomplete(f"the download stopped at {size} of {expected} bytes")
    return size


def _expected_size(response: httpx.Response, have: int) -> int | None:
    if response.status_code == 206:
        total = response.headers.get("content-range", "").rpartition("/")[2]
        return int(total) if total.isdigit() else None
    length = response.headers.get("content-length")
    return int(length) if length and length.isdigit() else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True))
    os.replace(tmp, path)


