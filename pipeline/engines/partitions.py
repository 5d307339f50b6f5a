"""Cutting a stream of articles into partitions, for the engines that send work elsewhere."""
from __future__ import annotations

import itertools
from typing import Iterable, Iterator

PARTITION_SIZE = 64


def partitions(items: Iterable, size: int = PARTITION_SIZE) -> Iterator[list]:
    """Lists of `size` items, read lazily: the stream is never held whole."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
