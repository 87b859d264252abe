"""One call from two readouts to an alignment; what the CLI and the app both use."""

from __future__ import annotations

from collections.abc import Sequence

from .alignment import AlignmentSettings, Evidence, decide, gather_evidence
from .embedding import Embedder, EmbeddingCache, ModelError, ProgressCallback, embed
from .model import Alignment, Readout


def collect(
    left: Readout,
    right: Readout,
    embedder: Embedder | None,
    cache: EmbeddingCache | None = None,
    progress: ProgressCallback | None = None,
) -> Evidence:
    """Gather the evidence, embedding through ``cache`` (which spares loading the model when
    it holds every statement). Raises ``ModelError`` when the model cannot be used."""
    if embedder is None:
        return gather_evidence(left, right, None)

    def embed_texts(texts: Sequence[str]):
        return embed(texts, embedder, cache, progress)

    return gather_evidence(left, right, embed_texts, embedder.name)


def compare(
    left: Readout,
    right: Readout,
    embedder: Embedder | None,
    cache: EmbeddingCache | None = None,
    settings: AlignmentSettings = AlignmentSettings(),
    progress: ProgressCallback | None = None,
) -> Alignment:
    return decide(collect(left, right, embedder, cache, progress), settings)


__all__ = ["ModelError", "collect", "compare"]
