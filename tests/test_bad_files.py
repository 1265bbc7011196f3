"""Corpus files that cannot be read are named with the reason; the rest of the corpus still indexes."""

from __future__ import annotations

import pytest

from indexer.documents import load_source
from indexer.errors import SourceError
from indexer.manifest import Source


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.html", b"", "empty"),
        ("notes.html", b"just words, no markup at all", "no HTML paragraphs"),
        ("latin1.md", "caf\xe9 notes".encode("latin-1"), "not UTF-8"),
        ("broken.md", b"---\ndoc_id: [unclosed\n---\ntext", "not valid YAML"),
        ("table.xlsx", b"PK\x03\x04", "unsupported file type"),
        ("blank.md", b"\n\n   \n", "no text found"),
    ],
)
def test_unreadable_files_are_named_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as error:
        load_source(Source(id="doc", title="Doc", files=(path,)), tmp_path)
    assert reason in str(error.value)


def test_missing_manifest_file_is_named(tmp_path):
    with pytest.raises(SourceError, match="missing.pdf: file not found"):
        load_source(Source(id="doc", title="Doc", files=(tmp_path / "missing.pdf",)), tmp_path)


def test_other_documents_still_index_when_one_fails(fresh_fake_assistant):
    (fresh_fake_assistant.settings.corpus_dir / "plan.pdf").write_bytes(b"")
    summary = fresh_fake_assistant.index(progress=False)
    assert summary.documents == 1 and any("plan.pdf" in f and "empty" in f for f in summary.failures)
    assert "mid-September 2019" in fresh_fake_assistant.ask("when are draft system plans due?").answer
