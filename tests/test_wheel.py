"""The built wheel works without the repo or npm: it carries the bundled corpus and the NHS.UK frontend files,
and a fresh virtualenv outside the repo indexes, answers with citations and serves a styled site.

The wheel is built offline with this venv's setuptools; the new venv sees the already-installed
dependencies through a .pth file (never the checkout: each test checks that the installed copy is the one
imported). Indexing all of the bundled corpus takes minutes on a shared CPU, so `ltp index` here indexes one
chapter copied out of the installed package; that the default corpus is the installed one is checked apart.
Tier: slow, in every `make test` (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LEFT_OUT_OF_ENV = ("PYTHONPATH", "LTP_CORPUS_DIR", "VIRTUAL_ENV", "XDG_DATA_HOME")
"""The checkout on PYTHONPATH would hide the installed package; the others would move what is checked."""
SOURCES = ["pyproject.toml", "setup.py", "README.md", "assistant", "indexer", "web", "corpus"]
QUESTION = "how many people should a primary care network cover?"


class Installed:
    """A venv in tmp with only the wheel installed from this project, and a working directory beside it."""

    def __init__(self, root: Path, wheel: Path) -> None:
        self.root, self.wheel = root, wheel
        self.venv = root / "venv"
        self.python = self.venv / "bin" / "python"
        self.cwd = root / "cwd"
        self.cwd.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k not in LEFT_OUT_OF_ENV}
        self.env.update(
            HOME=str(root / "home"), LTP_DATA_DIR=str(root / "var"), PYTHONNOUSERSITE="1",
            HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
        )

    def site_packages(self) -> Path:
        return Path(self.run(str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"))

    def run(self, *argv: str, **env: str) -> str:
        done = subprocess.run(
            argv, cwd=self.cwd, env={**self.env, **env}, capture_output=True, text=True, timeout=240, check=False
        )
        assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done.stdout.strip()

    def python_code(self, code: str, **env: str) -> str:
        return self.run(str(self.python), "-c", code, **env)


def copy_sources(destination: Path) -> Path:
    """Only what the build reads, so stale build/ or var/ folders in the checkout can't leak into the wheel."""
    destination.mkdir(parents=True)
    ignore = shutil.ignore_patterns("node_modules", "vendor", "__pycache__", "*.egg-info")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        else:
            shutil.copy2(source, destination / name)
    (destination / "web" / "node_modules").symlink_to(REPO / "web" / "node_modules")
    return destination


def run_step(*argv: str) -> None:
    """Run one build or install step; on failure show what it printed (setup.py says what is missing)."""
    done = subprocess.run(argv, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    source = copy_sources(root / "source")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    run_step(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(root / "dist"), str(source))
    (wheel,) = (root / "dist").glob("ltp_assistant-*.whl")
    run_step(sys.executable, "-m", "venv", "--without-pip", str(root / "venv"))
    target = Installed(root, wheel)
    run_step(*pip, "--python", str(target.python), "install", "--no-deps", "--no-index", "-q", str(wheel))
    # The project venv's site-packages joins sys.path as a plain entry: its own .pth files (the editable
    # install's finder among them) are not run, so `assistant` can only come from the wheel.
    (target.site_packages() / "_project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return target


def test_wheel_carries_the_bundled_corpus_and_the_nhsuk_frontend(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    corpus = REPO / "corpus"
    files = [p for pattern in ("*.md", "*.toml") for p in corpus.rglob(pattern)]
    bundled = {f"assistant/corpus/{p.relative_to(corpus).as_posix()}" for p in files}
    assert "assistant/corpus/sources.toml" in bundled
    assert bundled <= names
    icons = {n for n in names if n.startswith("web/static/vendor/nhsuk/assets/images/")}
    assert {"web/static/vendor/nhsuk/nhsuk-frontend.min.css", "web/static/vendor/nhsuk/nhsuk-frontend.min.js"} <= names
    assert "web/static/vendor/nhsuk/assets/images/nhsuk-icon-cross.svg" in icons
    assert not any(n.endswith(".map") or "node_modules" in n for n in names)


def test_installed_package_is_imported_and_finds_its_own_corpus(installed):
    site = installed.site_packages()
    paths = json.loads(installed.python_code(
        "import json, assistant, indexer, web; from assistant.settings import Settings; s = Settings.from_env(env={});"
        "print(json.dumps([assistant.__file__, indexer.__file__, web.__file__, str(s.corpus_dir), str(s.data_dir)]))"
    ))
    *modules, corpus, data = (Path(p) for p in paths)
    assert all(m.is_relative_to(site) for m in modules), modules
    assert corpus == site / "assistant" / "corpus"
    assert data == Path(installed.env["HOME"]) / ".local" / "share" / "ltp-assistant"
    listing = installed.run(str(installed.venv / "bin" / "ltp"), "corpus", "list")
    assert all(doc in listing for doc in ("ltp", "framework", "csp"))


def test_installed_ltp_indexes_and_answers_with_citations(installed):
    chapter = installed.root / "chapter-1"
    chapter.mkdir()
    shutil.copy2(installed.site_packages() / "assistant" / "corpus" / "ltp" / "01-chapter-1-part-1.md", chapter)
    ltp = str(installed.venv / "bin" / "ltp")
    summary = installed.run(ltp, "index", "--no-progress", LTP_CORPUS_DIR=str(chapter))
    assert re.search(r"\b1 documents?\b", summary), summary
    answer = json.loads(installed.run(ltp, "ask", "--json", QUESTION))
    assert not answer["abstained"]
    assert re.search(r"30(,000)? ?(to|-|–) ?50,000 people", answer["answer"]), answer["answer"]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert cited and cited <= {c["n"] for c in answer["citations"]}
    assert all(c["doc_id"] == "ltp" and c["url"].startswith("https://") for c in answer["citations"])


def test_installed_app_serves_the_nhsuk_frontend(installed):
    served = json.loads(installed.python_code(
        "import json; from web import create_app; client = create_app().test_client();"
        "urls = ['/', '/assets/nhsuk-frontend.min.css', '/assets/nhsuk-frontend.min.js', '/assets/images/nhsuk-icon-cross.svg'];"
        "print(json.dumps({u: [client.get(u).status_code, client.get(u).content_type] for u in urls}))"
    ))
    assert {url: status for url, (status, _) in served.items()} == dict.fromkeys(served, 200)
    assert served["/assets/nhsuk-frontend.min.css"][1].startswith("text/css")
    assert served["/assets/images/nhsuk-icon-cross.svg"][1].startswith("image/svg+xml")
