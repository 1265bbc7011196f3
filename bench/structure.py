"""Structure benchmark: how well the loaders recover headings, levels, printed pages and paragraphs.

    .venv/bin/python -m bench.structure [--label after] [--cache DIR] [--only ID ...]

Real documents are PDF manuals from Debian documentation packages, pinned to exact versions so the
hand-written ground truth (bench/structure/<id>.json) stays valid; they are fetched with `apt-get download`
and unpacked with `dpkg-deb -x` into a cache (var/bench-structure/ by default) at bench time and never
committed. When the registry cannot be reached the real documents are skipped with a message and the
designed ones (drawn with reportlab by bench/designed_documents.py, and with fpdf2 by
bench/designed_holdout.py) still run. Documents marked "split": "holdout" were added after the parser was
tuned on the "tune" ones; their scores show whether the rules generalise. Only the pages the truth
covers are parsed (with their printed page labels kept), so each truth file stays small enough to check.
Prints a Markdown table and writes bench/results/structure.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from bench.designed_documents import DESIGNS
from bench.designed_holdout import commissioning_intentions  # noqa: F401 (registers the held-out design)
from bench.structure_score import Score, score
from indexer.documents import load_source
from indexer.errors import SourceError
from indexer.manifest import Source

TRUTH = Path(__file__).parent / "structure"
RESULTS = Path(__file__).parent / "results"
DEFAULT_CACHE = Path(__file__).parent.parent / "var" / "bench-structure"
COLUMNS = ["heading_precision", "heading_recall", "heading_f1", "level_accuracy", "page_accuracy",
           "paragraph_integrity", "text_cleanliness"]


def fetch_package(package: str, version: str, cache: Path) -> Path | None:
    """The unpacked tree of one pinned Debian package, downloaded once; None (with a message) if unreachable."""
    tree = cache / f"{package}_{version}"
    if tree.is_dir():
        return tree
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        print(f"skipped {package}: apt-get/dpkg-deb not found (needs a Debian machine)", file=sys.stderr)
        return None
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as download:
        got = subprocess.run(["apt-get", "download", f"{package}={version}"], cwd=download,
                             capture_output=True, text=True)
        debs = list(Path(download).glob("*.deb"))
        if got.returncode or not debs:
            print(f"skipped {package}={version}: the Debian registry did not provide it "
                  f"({got.stderr.strip().splitlines()[-1:] or 'no .deb'}); run apt-get update?", file=sys.stderr)
            return None
        subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(tree)], check=True)
    return tree


def page_window(source: Path, pages: list[int] | None, target: Path) -> Path:
    """Copy the truth's pages (1-based, inclusive) to `target`, keeping each page's printed label."""
    reader = PdfReader(source)
    first, last = pages or (1, len(reader.pages))
    writer = PdfWriter()
    labels = reader.page_labels
    for index in range(first - 1, last):
        writer.add_page(reader.pages[index])
    for offset, index in enumerate(range(first - 1, last)):
        label = labels[index]
        if label.isdigit():
            writer.set_page_label(offset, offset, style="/D", start=int(label))
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def document_path(truth: dict, cache: Path, work: Path) -> Path | None:
    source = truth["source"]
    if "design" in source:
        return DESIGNS[source["design"]](work / f"{truth['id']}.pdf")
    tree = fetch_package(source["package"], source["version"], cache)
    if tree is None:
        return None
    return page_window(tree / source["path"], truth["pages"], work / f"{truth['id']}.pdf")


def run(only: list[str], cache: Path) -> dict:
    rows: dict[str, dict] = {}
    totals = {name: Score() for name in ("real", "designed", "tune", "holdout", "all")}
    with tempfile.TemporaryDirectory(prefix="ltp-structure-") as work:
        for file in sorted(TRUTH.glob("*.json")):
            truth = json.loads(file.read_text())
            if only and truth["id"] not in only:
                continue
            path = document_path(truth, cache, Path(work))
            if path is None:
                continue
            try:
                outline = load_source(Source(id=truth["id"], title=truth["id"], files=(path,)), path.parent)
                result = score(outline, truth)
            except SourceError as exc:
                result = Score(truth=len(truth["headings"]), problems=[str(exc)])
            split = truth.get("split", "tune")
            rows[truth["id"]] = {"kind": truth["kind"], "split": split, **result.metrics(), "problems": result.problems}
            for name in (truth["kind"], split, "all"):
                totals[name].add(result)
    return {"documents": rows, "totals": {k: v.metrics() for k, v in totals.items() if v.truth}}


def table(results: dict) -> str:
    header = "| document | kind | split | " + " | ".join(c.replace("_", " ") for c in COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(COLUMNS) + 3)]
    for name, row in results["documents"].items():
        cells = " | ".join(f"{row[c]:.2f}" for c in COLUMNS)
        lines.append(f"| {name} | {row['kind']} | {row['split']} | {cells} |")
    for name, row in results["totals"].items():
        lines.append(f"| **{name}** | | | " + " | ".join(f"**{row[c]:.2f}**" for c in COLUMNS) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current", help="what this run measures, e.g. before / after")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--problems", action="store_true", help="list each document's mistakes")
    args = parser.parse_args()
    results = run(args.only, args.cache)
    print(table(results))
    if args.problems:
        for name, row in results["documents"].items():
            for problem in row["problems"]:
                print(f"{name}: {problem}")
    if not args.only:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / "structure.json"
        saved = json.loads(out.read_text()) if out.exists() else {}
        saved[args.label] = results
        out.write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
