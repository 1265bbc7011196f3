"""A document a user adds is kept where `ltp index` looks for it: the one folder under LTP_DATA_DIR that
indexer/sources.py names, so adding and indexing can never disagree about where added files live."""

from __future__ import annotations


def test_an_added_document_is_kept_in_the_folder_the_index_reads_and_is_indexed(fresh_fake_assistant, tmp_path):
    from assistant.added_documents import add_and_index
    from indexer.sources import added_folder

    plan = tmp_path / "our-plan.md"
    plan.write_text("# Our system plan\n\nWe will open a falls clinic in every primary care network.\n", encoding="utf-8")

    add_and_index(fresh_fake_assistant, plan, "Our system plan", "our-plan", progress=False)

    data = fresh_fake_assistant.settings.data_dir
    assert added_folder(data) == data / "documents"  # the folder users and backups already know
    assert any(p.name.endswith(".md") for p in added_folder(data).iterdir())
    assert "our-plan" in [s.id for s in fresh_fake_assistant.sources()]
    assert any(p.doc_id == "our-plan" for p in fresh_fake_assistant.snapshot().passages)
