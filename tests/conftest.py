"""Shared fixtures: a small corpus generated at test time, and one index built per test session.

Building an index loads the real embedding model (a few seconds), so the session-scoped
`indexed` fixture builds once and tests that change the corpus build their own copies.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pdf_fixtures import make_plan_pdf  # noqa: E402

from assistant.engine import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402

DIGEST = """---
doc_id: framework
title: NHS Long Term Plan Implementation Framework
kind: digest
---

# 9. Next steps
{page=31 url=https://www.longtermplan.nhs.uk/implementation-framework/}

{para=9.1}
Every system sends NHS England a draft five-year system plan by mid-September 2019.

{para=9.2}
Final versions of the system plans follow in November 2019, and they feed a national implementation plan.

# Annex C: LTP headline metrics
{page=40}

{para=C.1 page=41}
The headline metrics track delivery of the plan, for example the share of cancers diagnosed at stage 1 or 2.

{id=pelvic-health}
Systems that opt in early receive targeted funding for postnatal physiotherapy and multidisciplinary pelvic health services.
"""

MANIFEST = """
[[document]]
id = "plan"
title = "The NHS Long Term Plan (test edition)"
kind = "official"
publisher = "NHS England"
published = "2019-01-07"
url = "https://www.longtermplan.nhs.uk/publication/nhs-long-term-plan/"
files = ["plan.pdf"]

[[document]]
id = "framework"
title = "NHS Long Term Plan Implementation Framework"
kind = "digest"
publisher = "NHS England and NHS Improvement"
published = "2019-06-27"
url = "https://www.longtermplan.nhs.uk/implementation-framework/"
files = ["framework.md"]
"""


PROGRAMMES = """
[[programme]]
id = "pelvic-health"
name = "Postnatal physiotherapy and multidisciplinary pelvic health"
type = "opt-in"
summary = "Early adopter systems get targeted funding for pelvic health services."
who_decides = "Each system, when it decides which programmes to opt into"
funding = "Targeted funding for early adopters"
professions = ["physiotherapists", "midwives"]
topics = ["maternity", "pelvic health"]
local_action = "Ask your system's maternity lead whether it has opted in."
citations = ["framework:pelvic-health"]

[[programme]]
id = "urgent-community-response"
name = "Urgent community response and reablement"
type = "foundational"
summary = "Crisis response within two hours and reablement within two days, everywhere by 2023/24."
professions = ["physiotherapists", "occupational therapists", "nurses"]
topics = ["community", "ageing well"]
citations = ["plan:1.3"]

[[programme]]
id = "networks"
name = "Primary care networks"
type = "national"
summary = "Practices working together in networks of 30,000 to 50,000 people."
professions = ["GPs", "physiotherapists"]
topics = ["primary care"]
citations = ["plan:1.2", "plan:9.99"]
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    make_plan_pdf(folder / "plan.pdf")
    (folder / "programmes.toml").write_text(PROGRAMMES, encoding="utf-8")
    (folder / "framework.md").write_text(DIGEST, encoding="utf-8")
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def shared_embeddings():
    """One loaded model for the whole run: it is the slow part of every index and answer."""
    from indexer.embeddings import SentenceEmbeddings

    return SentenceEmbeddings()


@pytest.fixture(scope="session")
def shared_reranker():
    """One cross-encoder for the whole run (loaded on first use), shared by every assistant the tests build."""
    from assistant.config import DEFAULT_CONFIG
    from assistant.rerank import CrossEncoderReranker

    return CrossEncoderReranker.from_config(DEFAULT_CONFIG)


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


def make_assistant(corpus: Path, data: Path, embeddings, reranker=None) -> Assistant:
    return Assistant(Settings(data_dir=data, corpus_dir=corpus), embeddings=embeddings, reranker=reranker)


@pytest.fixture
def fresh_assistant(tmp_path, corpus_dir, shared_embeddings, shared_reranker) -> Assistant:
    """An assistant over its own copy of the test corpus, not yet indexed."""
    return make_assistant(corpus_dir, tmp_path / "var", shared_embeddings, shared_reranker)


@pytest.fixture(scope="session")
def indexed(tmp_path_factory, shared_embeddings, shared_reranker) -> Assistant:
    """An assistant whose test corpus is indexed once for the session. Do not change its files."""
    root = tmp_path_factory.mktemp("indexed")
    assistant = make_assistant(write_corpus(root / "corpus"), root / "var", shared_embeddings, shared_reranker)
    assistant.index(progress=False)
    return assistant


@pytest.fixture
def app(indexed):
    from web import create_app

    app = create_app(indexed.settings, assistant=indexed)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def copy_tree():
    return lambda src, dst: shutil.copytree(src, dst)
