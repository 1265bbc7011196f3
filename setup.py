"""Build hook: a wheel carries what `ltp` needs at run time, so a user needs neither the repo nor npm.

pyproject.toml holds all the metadata; this only copies, into the built packages,
- the bundled corpus (corpus/**: *.md, *.toml) to assistant/corpus/, found by assistant.settings;
- the NHS.UK frontend CSS, JS and icons (web/node_modules/nhsuk-frontend/dist/nhsuk, from npm) to
  web/static/vendor/nhsuk/, found by web.assets.
Editable installs copy nothing: they read corpus/ and web/node_modules from the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
CORPUS_PATTERNS = ("*.md", "*.toml")
NPM_DIST = ROOT / "web" / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
VENDORED = Path("web") / "static" / "vendor" / "nhsuk"
"""Relative to the source tree or the build folder; an sdist carries the files here, not in node_modules."""
NHSUK_FILES = ("nhsuk-frontend.min.css", "nhsuk-frontend.min.js", "assets")
"""What the app serves (web/assets.py): the two bundles and the icons they reference; no source maps."""


def nhsuk_source() -> Path:
    for folder in (NPM_DIST, ROOT / VENDORED):
        if all((folder / name).exists() for name in NHSUK_FILES):
            return folder
    raise SystemExit(
        f"NHS.UK frontend files not found in {NPM_DIST}: run `npm ci` in web/ (or `make setup`) before building"
    )


def copy_corpus(destination: Path) -> None:
    for pattern in CORPUS_PATTERNS:
        for file in CORPUS.rglob(pattern):
            target = destination / file.relative_to(CORPUS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)


def copy_nhsuk(destination: Path) -> None:
    source = nhsuk_source()
    destination.mkdir(parents=True, exist_ok=True)
    for name in NHSUK_FILES:
        if (source / name).is_dir():
            shutil.copytree(source / name, destination / name, dirs_exist_ok=True)
        else:
            shutil.copy2(source / name, destination / name)


class BuildPyWithBundledFiles(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            copy_corpus(Path(self.build_lib) / "assistant" / "corpus")
            copy_nhsuk(Path(self.build_lib) / VENDORED)


class SdistWithBundledFiles(sdist):
    """An sdist has no node_modules, so it carries the NHS.UK files already vendored, and the corpus."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_corpus(Path(base_dir) / "corpus")
        copy_nhsuk(Path(base_dir) / VENDORED)


setup(cmdclass={"build_py": BuildPyWithBundledFiles, "sdist": SdistWithBundledFiles})
