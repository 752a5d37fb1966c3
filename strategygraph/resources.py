"""Where the ontology, shapes and bundled data live.

This is the only module that knows file locations. In an installed wheel they are packaged
under ``strategygraph/_bundled``; in a source checkout (editable install, tests) they are the
repository's top-level ``ontology/`` and ``data/`` folders.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE = Path(str(files("strategygraph")))


def _locate(name: str) -> Path:
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"strategygraph resource {name!r} is missing from the installation")


def ontology_path() -> Path:
    """Path of the OWL ontology (Turtle).

    >>> ontology_path().name
    'strategygraph.ttl'
    """
    return _locate("ontology") / "strategygraph.ttl"


def shapes_path() -> Path:
    """Path of the SHACL shapes (Turtle).

    >>> shapes_path().name
    'shapes.ttl'
    """
    return _locate("ontology") / "shapes.ttl"


def data_root() -> Path:
    """Folder holding the bundled councils' data folders.

    >>> (data_root() / "lancaster" / "sources.csv").exists()
    True
    """
    return _locate("data")


def sample_data(council: str = "lancaster") -> Path:
    """The bundled data folder of *council* (Lancaster by default).

    >>> sample_data().name
    'lancaster'
    """
    path = data_root() / council
    if not path.is_dir():
        raise FileNotFoundError(f"no bundled data folder for {council!r}")
    return path
