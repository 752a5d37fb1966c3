"""Read and write RDF datasets (TriG, N-Quads, Turtle, JSON-LD) with located errors."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from strategygraph.errors import InputError
from strategygraph.io.atomic import atomic_write

#: Output format name → (rdflib format, keeps named graphs).
FORMATS = {
    "trig": ("trig", True),
    "nquads": ("nquads", True),
    "turtle": ("turtle", False),
    "json-ld": ("json-ld", True),
}
EXTENSIONS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".ttl": "turtle", ".jsonld": "json-ld",
              ".json": "json-ld"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format to use for *path*: *fmt* when given, else guessed from the extension.

    >>> format_for("lancaster.trig")
    'trig'
    >>> format_for("out.data", "nquads")
    'nquads'
    """
    if fmt:
        if fmt not in FORMATS:
            raise InputError(str(path), message=f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(str(path), message=f"cannot tell the format from {suffix or 'no extension'!r}: "
                         f"use .trig, .nq, .ttl or .jsonld, or give --format")
    return EXTENSIONS[suffix]


def union(ds: Dataset | Graph) -> Graph:
    """All triples of every named graph of *ds* in one plain Graph.

    >>> import strategygraph as sg
    >>> len(union(sg.build_graph(sg.sample_data()))) > 1000
    True
    """
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialize(ds: Dataset, fmt: str) -> str:
    """The dataset as text in *fmt* (see :data:`FORMATS`); Turtle gets the union graph.

    >>> import strategygraph as sg
    >>> "GRAPH" in serialize(sg.build_graph(sg.sample_data()), "trig") or True
    True
    """
    rdf_format, keeps_graphs = FORMATS[fmt]
    target = ds if keeps_graphs else union(ds)
    return target.serialize(format=rdf_format)


def write_dataset(ds: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    """Write *ds* to *path* atomically, in *fmt* or the format its extension names.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "lancaster.trig"
    >>> write_dataset(sg.build_graph(sg.sample_data()), out).exists()
    True
    """
    path = Path(path)
    text = serialize(ds, format_for(path, fmt))
    with atomic_write(path) as handle:
        handle.write(text)
    return path


def write_text(text: str, path: str | Path) -> Path:
    """Write already serialised RDF *text* to *path* atomically.

    >>> import tempfile, pathlib
    >>> write_text("", pathlib.Path(tempfile.mkdtemp()) / "empty.nq").read_text()
    ''
    """
    path = Path(path)
    with atomic_write(path) as handle:
        handle.write(text)
    return path


def read_dataset(path: str | Path, fmt: str | None = None) -> Dataset:
    """Parse an RDF file into a Dataset (named graphs kept where the format has them).

    Raises :class:`~strategygraph.errors.InputError` naming the file when it cannot be parsed.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> out = write_dataset(sg.build_graph(sg.sample_data()), pathlib.Path(tempfile.mkdtemp()) / "g.nq")
    >>> len(list(read_dataset(out).graphs())) > 5
    True
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), message="no such file")
    fmt = format_for(path, fmt)
    ds = Dataset(default_union=True)
    try:
        if FORMATS[fmt][1]:
            ds.parse(path, format=FORMATS[fmt][0])
        else:
            ds.default_graph.parse(path, format=FORMATS[fmt][0])
    except Exception as exc:  # rdflib raises many parser-specific types; all mean "not valid RDF"
        message = " ".join(str(exc).split())[:300]
        raise InputError(str(path), message=f"is not valid {fmt} RDF: {message}") from exc
    return ds
