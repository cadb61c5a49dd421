"""Text columns as pyarrow holds them, read and written through its buffers.

A million-row column is a few large buffers: one of cell ends (offsets), one of bytes. Numpy over
those buffers answers questions about every cell (its length, its first byte) without making a
million Python strings, and a column that holds one text on every row can share one buffer.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

# rows per chunk of a column that holds one text on every row
CONSTANT_CHUNK = 1 << 16


def constant_text(text: str, rows: int) -> pa.ChunkedArray:
    """`text` on each of `rows` rows, without writing it `rows` times: the chunks share one buffer
    (arrow arrays are immutable), so a file path on a million rows costs 64 Ki copies, not 1 M."""
    chunk = pa.repeat(pa.scalar(text, pa.large_string()), min(rows, CONSTANT_CHUNK))
    whole, rest = divmod(rows, CONSTANT_CHUNK)
    return pa.chunked_array([chunk] * whole + [chunk.slice(0, rest)], pa.large_string())


def text_chunks(column: pa.Array | pa.ChunkedArray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Each chunk of a string column as (ends, bytes): cell i is bytes[ends[i]:ends[i + 1]].
    A missing cell reads as whatever its offsets span: callers check `null_count` first."""
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        _, offsets, data = chunk.buffers()
        ends = np.frombuffer(offsets, width, len(chunk) + 1, chunk.offset * width().itemsize)
        yield ends, np.frombuffer(data or b"", np.uint8)


def is_blank(column: pa.Array | pa.ChunkedArray) -> bool:
    """Every cell present and empty."""
    return not column.null_count and all(ends[-1] == ends[0] for ends, _ in text_chunks(column))
