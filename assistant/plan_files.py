"""A commissioner's draft plan, uploaded for review: checked, kept under LTP_DATA_DIR/reviews/ (never in the
shared corpus), and read into sentences that know their page (PDF) or heading (Word, Markdown).

Reading the file is the indexer's `read_document` (the same PDF and Word parsing as the corpus, with its checks
for damaged, encrypted and zip-bomb files); this module adds only the upload checks and the sentence split.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from indexer.documents import read_document
from indexer.errors import BadInput, NotFound, SourceError
from indexer.passage import sentences
from indexer.structure import build_outline

MAX_PLAN_BYTES = 20 * 1024 * 1024
PLAN_SUFFIXES = {".pdf": b"%PDF", ".docx": b"PK", ".md": None, ".markdown": None, ".txt": None}
REVIEWS = "reviews"


@dataclass(frozen=True)
class PlanSentence:
    text: str
    page: int | str | None
    """The printed page (PDF), else the heading it sits under; None when the file has neither."""
    paragraph: int = 0
    """Which paragraph of the plan it belongs to (sentences of one paragraph develop one point together)."""


@dataclass(frozen=True)
class PlanText:
    file: str
    pages: int
    sentences: list[PlanSentence]


def check_plan(name: str, content: bytes) -> str:
    """The file's suffix when it is a plan we can read; BadInput saying why not otherwise."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in PLAN_SUFFIXES:
        raise BadInput(f"{name or 'the file'}: unsupported file type; upload a PDF, Word (.docx) or Markdown file")
    if not content:
        raise BadInput(f"{name}: the file is empty")
    if len(content) > MAX_PLAN_BYTES:
        raise BadInput(f"{name}: the file is {len(content) / 2**20:.1f} MB; the limit is {MAX_PLAN_BYTES // 2**20} MB")
    magic = PLAN_SUFFIXES[suffix]
    if magic and not content.startswith(magic):
        raise BadInput(f"{name}: this is not a {suffix[1:].upper()} file (its content does not match its name)")
    return suffix


def save_plan(data_dir: Path, name: str, content: bytes) -> Path:
    """Keep an uploaded plan on this machine, under LTP_DATA_DIR/reviews/, with a name no upload can clash with."""
    suffix = check_plan(name, content)
    folder = data_dir / REVIEWS
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(name).stem).strip("-")[:60] or "plan"
    path = folder / f"{uuid.uuid4().hex[:12]}-{stem}{suffix}"
    path.write_bytes(content)
    return path


SAVED_NAME = re.compile(r"[0-9a-f]{12}-[A-Za-z0-9_-]{1,60}(" + "|".join(re.escape(s) for s in PLAN_SUFFIXES) + ")")
"""What `save_plan` names a kept upload: anything else (a path, `..`) is never looked up."""


def saved_plan(data_dir: Path, saved_name: str) -> Path:
    """A plan kept by `save_plan`, by the name it was saved under (the review page's downloads read it again);
    NotFound for any other name or one no longer kept."""
    path = data_dir / REVIEWS / saved_name
    if not SAVED_NAME.fullmatch(saved_name or "") or not path.is_file():
        raise NotFound("that plan is no longer kept on this server; upload it again to review it")
    return path


def read_plan(path: Path, name: str | None = None) -> PlanText:
    """The plan's sentences with their page or heading; BadInput when the file cannot be read. `name` is what the
    report calls the file (an upload's own name, not the name it was saved under)."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    shown = Path(name).name if name else path.name
    check_plan(shown, path.read_bytes())
    try:
        outline = build_outline("plan", read_document(path), root_title=path.stem)
    except SourceError as exc:  # named as the user knows the file, not as it was saved ("3f9a...-plan.pdf")
        raise BadInput(f"cannot read the plan: {str(exc).replace(path.name, shown)}") from exc
    found = []
    for number, passage in enumerate(outline.passages):
        where: int | str | None = passage.page if passage.page is not None else passage.section_title or None
        found += [PlanSentence(s, where, number) for s in sentences(passage.text)]
    if not found:
        raise BadInput(f"{shown}: no text found; is it a scanned image?")
    pages = outline.pages or len({p.section_path for p in outline.passages})
    return PlanText(shown, pages, found)

