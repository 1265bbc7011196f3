"""The store keeps one Chroma collection handle per index generation (a lookup costs about 2 ms and every search
needs one), without ever serving a generation that was removed or a handle that went stale."""

from __future__ import annotations

from dataclasses import replace

import pytest


def change_corpus(assistant, old: str, new: str) -> None:
    digest = assistant.settings.corpus_dir / "framework.md"
    digest.write_text(digest.read_text().replace(old, new))


def count_lookups(store, monkeypatch) -> list[str]:
    """Names of the collections the store looks up in Chroma from now on."""
    looked_up: list[str] = []
    real_client = store._client

    def client(generation=None):
        real = real_client(generation)
        real_get = real.get_collection

        class Counting:
            def __getattr__(self, name):
                return getattr(real, name)

            def get_collection(self, name, **kwargs):
                looked_up.append(name)
                return real_get(name, **kwargs)

        return Counting()

    monkeypatch.setattr(store, "_client", client)
    return looked_up


@pytest.mark.parametrize("steady24", [False, True])
def test_searches_of_one_generation_look_its_collection_up_once(fresh_fake_assistant, monkeypatch, steady24):
    """With HNSW (steady24 off) each search asks the collection, through one handle; the exact search (steady24, the
    default) read the passage vectors with the first question and asks the store nothing more."""
    assistant = fresh_fake_assistant.with_config(replace(fresh_fake_assistant.config, steady24=steady24))
    assistant.index(progress=False)
    assistant.ask("when are final system plans due?")
    store = assistant.store
    generation = store.current_name()
    store._forget(generation)
    looked_up = count_lookups(store, monkeypatch)

    for question in ("when are final system plans due?", "what do the headline metrics track?", "pelvic health"):
        assert assistant.snapshot().retriever.search(question)

    assert looked_up == ([] if steady24 else [f"ltp-passages-{generation}"])


def test_a_generation_removed_by_a_later_index_is_not_served_from_a_kept_handle(fresh_fake_assistant):
    fresh_fake_assistant.index(progress=False)
    store = fresh_fake_assistant.store
    first = store.current_name()
    assert "November 2019" in fresh_fake_assistant.ask("when are final system plans due?").answer
    for old, new in [("November 2019", "December 2019"), ("December 2019", "January 2020")]:
        change_corpus(fresh_fake_assistant, old, new)
        fresh_fake_assistant.index(progress=False)
        assert store.current_name() != first

    assert first not in store._collections  # pruned: two generations are kept, the first's handle went with it
    assert not (fresh_fake_assistant.settings.index_dir / first).exists()
    assert "January 2020" in fresh_fake_assistant.ask("when are final system plans due?").answer


def test_a_failed_index_leaves_the_old_generation_serving_through_its_kept_handle(fresh_fake_assistant, monkeypatch):
    fresh_fake_assistant.index(progress=False)
    served = fresh_fake_assistant.store.current_name()
    assert "November 2019" in fresh_fake_assistant.ask("when are final system plans due?").answer
    change_corpus(fresh_fake_assistant, "November 2019", "December 2019")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fresh_fake_assistant.store, "write_generation", disk_full)
    with pytest.raises(OSError):
        fresh_fake_assistant.index(progress=False)

    assert fresh_fake_assistant.store.current_name() == served
    assert "November 2019" in fresh_fake_assistant.ask("when are final system plans due?").answer


def test_a_kept_handle_to_a_collection_deleted_elsewhere_reports_what_a_lookup_reports(fresh_fake_assistant):
    fresh_fake_assistant.index(progress=False)
    store = fresh_fake_assistant.store
    generation = store.current_name()
    assert fresh_fake_assistant.ask("when are final system plans due?").citations  # the handle is kept now
    store._client(generation).delete_collection(f"ltp-passages-{generation}")  # as another process might

    with pytest.raises(Exception) as searched:  # noqa: B017 - whatever Chroma raises for a missing collection
        store.query(generation, [0.0] * 384, 3)
    assert generation not in store._collections  # the stale handle is not kept for the next search
    with pytest.raises(Exception) as looked_up:  # noqa: B017
        store._collection(generation)

    assert type(searched.value) is type(looked_up.value)
