"""Files the server's workers read while another process may be writing them (the index's vectors, the ONNX graphs
under LTP_DATA_DIR/cache) are written under a temporary name and then renamed: a reader sees the old file or the
new one whole, never half of one, and two writers at once each leave a whole file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_whole(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write; when the block ends without error it takes `path`'s name (readable
    by every worker of the data dir), otherwise it is removed and `path` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)  # mkstemp made it private
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
