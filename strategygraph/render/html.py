"""Interactive diagrams: a pyvis ``Network`` rendered through our own template.

pyvis 0.3.2's own template loads Bootstrap from a CDN even with ``cdn_resources="in_line"``,
names a ``../node_modules/vis`` path, and sets popups with ``innerHTML``. Our template
inlines the vis-network build that ships inside the pyvis wheel, builds every tooltip and
detail panel with ``textContent``, and embeds the data as JSON that cannot close its
``<script>`` element, so the page works offline and user text is never parsed as HTML.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from strategygraph.io.atomic import atomic_write
from strategygraph.render.views import View

VIS_VERSION = "vis-9.1.2"


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    lib = files("pyvis") / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    return js, (lib / "vis-network.css").read_text(encoding="utf-8")


def to_pyvis(view: View):
    """The view as a ``pyvis.network.Network`` (nodes, edges, positions, colours), for notebooks.

    >>> import strategygraph as sg
    >>> from strategygraph.render.views import fig1
    >>> net = to_pyvis(fig1(sg.build_graph(sg.sample_data())))
    >>> net.num_nodes()
    37
    """
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=view.name in ("governance", "explore"),
                  cdn_resources="in_line", heading=view.title)
    for n in view.nodes:
        extra = {"x": n.x, "y": n.y, "physics": view.physics} if n.x is not None else {}
        net.add_node(n.id, label=n.label, color=n.color, shape=n.shape, size=n.size, kind=n.kind, **extra)
    for e in view.edges:
        net.add_edge(e.source, e.target, width=e.width, color=e.color, label=e.label or None, dashes=e.dashes)
    net.toggle_physics(view.physics)
    return net


def _json_for_script(payload: dict) -> str:
    # "<", ">" and "&" escaped so no label can end the <script> element or open a comment.
    text = json.dumps(payload, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def generate_html(view: View) -> str:
    """A self-contained HTML page (all JavaScript inlined, no network) for *view*.

    >>> import strategygraph as sg
    >>> from strategygraph.render.views import fig1
    >>> import re
    >>> page = generate_html(fig1(sg.build_graph(sg.sample_data())))
    >>> re.search(r"(src|href)=.?(https?:)?//", page) is None  # nothing is loaded from elsewhere
    True
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    net = to_pyvis(view)  # pyvis is the model: the page draws exactly its nodes and edges
    if net.num_nodes() != len(view.nodes):
        raise AssertionError("pyvis dropped nodes")  # duplicate ids would be a bug in a view builder
    js, css = _assets()
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(["html"]))
    payload = {"name": view.name, "physics": view.physics, "legend": view.legend, "extras": view.extras,
               "nodes": [asdict(n) for n in view.nodes], "edges": [asdict(e) for e in view.edges]}
    return env.get_template("network.html").render(
        title=view.title, subtitle=view.subtitle, data_json=_json_for_script(payload), vis_js=js, vis_css=css,
        filterable=bool(view.extras.get("filterable")))


def write_html(view: View, path: str | Path) -> Path:
    """Write the interactive page of *view* to *path* atomically.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> from strategygraph.render.views import fig1
    >>> out = write_html(fig1(sg.build_graph(sg.sample_data())), pathlib.Path(tempfile.mkdtemp()) / "fig1.html")
    >>> out.stat().st_size > 100_000
    True
    """
    page = generate_html(view)
    with atomic_write(path) as handle:
        handle.write(page)
    return Path(path)
