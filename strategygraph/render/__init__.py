"""Diagrams drawn from the graph: FIG 1 / FIG 2-style figures, governance, delivery timeline
and an explorer, as offline interactive pages (pyvis) and static SVG/PNG for print.

>>> import strategygraph as sg
>>> from strategygraph.render import make_view, to_pyvis
>>> to_pyvis(make_view(sg.build_graph(sg.sample_data()), "fig1")).num_nodes()
37
"""

from __future__ import annotations

from pathlib import Path

from strategygraph.render.html import generate_html, to_pyvis, write_html
from strategygraph.render.static import write_image
from strategygraph.render.views import VIEWS, View, ViewError, make_view

FORMATS = ("html", "svg", "png")


def render_network(ds, name: str, plan: str | None = None):
    """The pyvis ``Network`` of view *name*, for notebooks.

    >>> import strategygraph as sg
    >>> render_network(sg.build_graph(sg.sample_data()), "governance").num_nodes() > 5
    True
    """
    return to_pyvis(make_view(ds, name, plan))


def write_figure(ds, name: str, path: str | Path, fmt: str | None = None, plan: str | None = None) -> Path:
    """Draw view *name* of *ds* into *path* as html, svg or png (from *fmt* or the extension).

    >>> import strategygraph as sg, tempfile, pathlib
    >>> out = write_figure(sg.build_graph(sg.sample_data()), "fig1", pathlib.Path(tempfile.mkdtemp()) / "f.png")
    >>> out.read_bytes()[:4] == b"\\x89PNG"
    True
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ViewError(f"cannot draw {path.name!r}: the format is one of {', '.join(FORMATS)}")
    view = make_view(ds, name, plan)
    return write_html(view, path) if fmt == "html" else write_image(view, path, fmt)


__all__ = ["VIEWS", "View", "ViewError", "make_view", "to_pyvis", "generate_html", "write_html", "write_image",
           "render_network", "write_figure", "FORMATS"]
