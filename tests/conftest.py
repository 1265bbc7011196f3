"""Shared fixtures: a small corpus generated at test time, and one index built per test session.

Which embedding model a test gets is in the fixture's name:
- `real_embeddings`, `indexed` (and `app`, `client` over it), `fresh_assistant`: the real all-MiniLM-L6-v2, loaded
  once per session; texts are embedded by its ONNX export, as on a server, and by torch when indexing. For
  tests whose assertions depend on what the model understands: facts in answers, retrieval of paraphrases,
  refusals, the determinism of the real pipeline.
- `fake_embeddings`, `fresh_fake_assistant`: the deterministic hashed n-gram embedder of tests/fakes.py (no model,
  no torch), for tests of plumbing: indexing bookkeeping, routes, the CLI, exports, bad input.
The integration tier starts real servers, which always load the real model.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# One torch (and BLAS) thread per process, here and in every process a test starts (they inherit the environment),
# unless set already: the tests share 2 cores with other work, and with 2 threads each matrix product waits for
# its partner thread to be scheduled. 40 answers took 247 s with 2 threads, 34 s with 1 (load average 22).
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))

if TYPE_CHECKING:
    from assistant.engine import Assistant
# The library (the engine pulls in chromadb and langchain, about 2 s of CPU) is imported by the fixtures that use
# it, not here: under pytest-xdist the controlling process reads this file too, and runs no test.

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
    from pdf_fixtures import make_plan_pdf

    folder.mkdir(parents=True, exist_ok=True)
    make_plan_pdf(folder / "plan.pdf")
    (folder / "programmes.toml").write_text(PROGRAMMES, encoding="utf-8")
    (folder / "framework.md").write_text(DIGEST, encoding="utf-8")
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


def run_dir(tmp_path_factory) -> Path:
    """The temporary folder of this whole run: under pytest-xdist each worker's base folder (popen-gwN) sits in
    it, so every worker of one run finds the same folder, and no other run does."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def real_embeddings(tmp_path_factory):
    """The real model, loaded once for the whole run: it is the slow part of every index and answer.

    Texts are embedded as a server worker embeds them, with the ONNX export (indexer/minilm_onnx.py); an index's
    passages and sentences with torch, as `ltp index` embeds them. The export (about 7 s) is made once per run: the
    first xdist worker makes it under a file lock, the other waits and loads it. tests/test_query_path.py checks
    that it is really used."""
    from filelock import FileLock

    from indexer.embeddings import SentenceEmbeddings

    folder = run_dir(tmp_path_factory)
    embeddings = SentenceEmbeddings(query_encoder_dir=folder / "query-encoder")
    with FileLock(str(folder / "query-encoder.lock")):
        embeddings.prepare_query_encoder()
    return embeddings


@pytest.fixture(scope="session")
def shared_embeddings(real_embeddings):
    """The real model under its earlier name (tests written before the fake embedder existed use it)."""
    return real_embeddings


@pytest.fixture(scope="session")
def fake_embeddings():
    """The deterministic hashed n-gram embedder (tests/fakes.py): the same interface, no model to load."""
    from fakes import HashedEmbeddings

    return HashedEmbeddings()


@pytest.fixture(scope="session")
def shared_reranker(tmp_path_factory):
    """One cross-encoder for the whole run (loaded on first use), shared by every assistant the tests build. It runs
    the graph servers run: the [CLS]-only rewrite (assistant/rerank_graph.py), built once per xdist worker."""
    from assistant.config import DEFAULT_CONFIG
    from assistant.rerank import CrossEncoderReranker

    return CrossEncoderReranker.from_config(DEFAULT_CONFIG, cache_dir=tmp_path_factory.mktemp("reranker-cache"))


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


def make_assistant(corpus: Path, data: Path, embeddings, reranker=None) -> Assistant:
    from assistant.engine import Assistant
    from assistant.settings import Settings

    return Assistant(Settings(data_dir=data, corpus_dir=corpus), embeddings=embeddings, reranker=reranker)


@pytest.fixture(scope="session")
def bundled_assistant(tmp_path_factory, real_embeddings, shared_reranker) -> Assistant:
    """The bundled corpus indexed with the real models (about a minute of CPU), once per test worker: for what was
    fitted to the bundled documents' retrieval scores (the learned refusal signal), which the small test corpus would
    not show. Only asked (`ask`, `with_config`), never changed."""
    from assistant.settings import PROJECT_ROOT

    assistant = make_assistant(PROJECT_ROOT / "corpus", tmp_path_factory.mktemp("bundled") / "var", real_embeddings,
                               shared_reranker)
    assistant.index(progress=False)
    return assistant


def index_test_corpus_with(root: Path, framework_extra: str, embeddings, reranker) -> Assistant:
    """An indexed assistant over the test corpus with `framework_extra` appended to its framework digest: for specs
    that need passages of several sentences (the test corpus's own are one sentence each)."""
    corpus = write_corpus(root / "corpus")
    digest = corpus / "framework.md"
    digest.write_text(digest.read_text(encoding="utf-8") + framework_extra, encoding="utf-8")
    assistant = make_assistant(corpus, root / "var", embeddings, reranker)
    assistant.index(progress=False)
    return assistant


def cited_statements(answer: str) -> list[tuple[str, str]]:
    """Each statement of an answer with the citation marks that end it ("... [1][3]")."""
    return re.findall(r"(.+?)\s((?:\[\d+\])+)(?:\s|$)", answer)


def extractive_over(question: str, passages: list[str], embeddings, reranker, config, section: str) -> str:
    """The extractive answer to a question over these passages of one section, ranked in the order given (for specs
    of one answer stage without an index)."""
    from assistant.answer import extractive_answer
    from assistant.retrieve import Hit
    from indexer.passage import Passage

    hits = [Hit(Passage(f"p{n}", "ltp", f"s{n}", (section,), text, order=n), 1.0 - n / 10, 0.8 - n / 10)
            for n, text in enumerate(passages)]
    return extractive_answer(question, question, hits, {}, embeddings, reranker=reranker, config=config).answer


PLAN_AND_FRAMEWORK_MANIFEST = """
[[document]]
id = "ltp"
title = "The NHS Long Term Plan"
short_title = "Long Term Plan"
kind = "digest"
files = ["ltp.md"]

[[document]]
id = "framework"
title = "NHS Long Term Plan Implementation Framework"
short_title = "Implementation Framework"
kind = "digest"
files = ["framework.md"]
"""


def index_plan_and_framework(root: Path, plan: str, framework: str, embeddings, reranker) -> Assistant:
    """An indexed assistant over two digest files, the plan's and the framework's: for specs where the same point is
    in both documents and which one answers matters."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ltp.md").write_text(plan, encoding="utf-8")
    (corpus / "framework.md").write_text(framework, encoding="utf-8")
    (corpus / "sources.toml").write_text(PLAN_AND_FRAMEWORK_MANIFEST, encoding="utf-8")
    assistant = make_assistant(corpus, root / "var", embeddings, reranker)
    assistant.index(progress=False)
    return assistant


@pytest.fixture
def fresh_assistant(tmp_path, corpus_dir, real_embeddings, shared_reranker) -> Assistant:
    """An assistant with the real model over its own copy of the test corpus, not yet indexed."""
    return make_assistant(corpus_dir, tmp_path / "var", real_embeddings, shared_reranker)


@pytest.fixture
def fresh_fake_assistant(tmp_path, corpus_dir, fake_embeddings, shared_reranker) -> Assistant:
    """An assistant with the fake embedder over its own copy of the test corpus, not yet indexed."""
    return make_assistant(corpus_dir, tmp_path / "var", fake_embeddings, shared_reranker)


@pytest.fixture(scope="session")
def indexed(tmp_path_factory, real_embeddings, shared_reranker) -> Assistant:
    """An assistant with the real model whose test corpus is indexed once for the session. Do not change its files."""
    root = tmp_path_factory.mktemp("indexed")
    assistant = make_assistant(write_corpus(root / "corpus"), root / "var", real_embeddings, shared_reranker)
    assistant.index(progress=False)
    encoder = real_embeddings._onnx_queries()
    if encoder is not None:  # as `ltp index` leaves it: processes started over this data dir find the export ready
        (root / "var" / "cache").mkdir(exist_ok=True)
        try:  # a link: the export is 90 MB
            os.link(encoder.path, root / "var" / "cache" / encoder.path.name)
        except OSError:
            shutil.copy(encoder.path, root / "var" / "cache" / encoder.path.name)
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
def no_network(monkeypatch):
    """Any connection the test makes fails: what must work offline (the bundled models) is shown to."""
    def refuse(*args, **kwargs):
        raise OSError("test forbids network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def copy_tree():
    return lambda src, dst: shutil.copytree(src, dst)


TIERS = {
    "test_browser.py": ("browser", "slow"),
    "test_chroma_server.py": ("integration", "slow"),
    "test_llm_server.py": ("integration", "slow"),
    "test_production.py": ("integration", "slow"),
    "test_two_machines.py": ("integration", "slow"),
    "test_wheel.py": ("slow",),
}
"""Each test file's tier (markers in pyproject.toml); a file not named here is `unit`. The wheel test is slow but
not `integration`: it runs in every `make test`, so no change ships a wheel that cannot answer."""


FIRST = ("test_the_dev_set_gets_identical_answers_and_citations_under_two_hash_seeds", "test_determinism.py",
         "test_wheel.py", "test_hostile_input.py", "test_browser.py")
"""What runs first, longest first. `make test` runs the files on two pytest-xdist workers (Makefile: `--dist
loadfile`, so a file's module fixtures, a built wheel or a server, are built once). The dev-set determinism test,
about two thirds of the suite's CPU time (half of it in its own subprocess), starts at once, so the other worker's
files fill the cores beside it instead of it running alone at the end; the files that mostly wait (a wheel built and
installed, servers, a browser) follow, to overlap with it too. A worker is given its next file when at most two of
its tests are left, so the determinism file's other two tests keep a file from queueing behind it."""


def first(item: pytest.Item) -> int:
    for rank, name in enumerate(FIRST):
        if name in (item.path.name, getattr(item, "originalname", item.name)):
            return rank
    return len(FIRST)


def pytest_collection_modifyitems(items):
    for item in items:
        for marker in TIERS.get(item.path.name, ("unit",)):
            item.add_marker(marker)
    items.sort(key=first)
