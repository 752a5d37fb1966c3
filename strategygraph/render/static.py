"""Static SVG and PNG figures for committee papers, drawn from the same view positions.

matplotlib draws them (pyvis has no static export). SVG keeps its words as ``<text>``
(not outlines) so they stay searchable and editable in a report.
"""

from __future__ import annotations

import io
from pathlib import Path

from strategygraph.io.atomic import atomic_write
from strategygraph.render.views import View, wrap

#: A4 landscape in inches: the figure pastes into a committee report at full width.
A4_LANDSCAPE = (11.69, 8.27)


def _text_colour(hex_colour: str) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 160 else "#FFFFFF"


def draw(view: View):
    """A matplotlib Figure of *view* (nodes at their positions, y pointing down).

    >>> import strategygraph as sg
    >>> from strategygraph.render.views import fig1
    >>> fig = draw(fig1(sg.build_graph(sg.sample_data())))
    >>> float(round(fig.get_figwidth(), 2))
    11.69
    """
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    positions = _positions(view)
    fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
    ax.set_axis_off()
    ax.invert_yaxis()
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    pad_x = (max(xs) - min(xs)) * 0.08 + 60
    pad_y = (max(ys) - min(ys)) * 0.08 + 60
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(max(ys) + pad_y, min(ys) - pad_y)
    for tick_x, text in view.extras.get("axis", []):
        ax.axvline(tick_x, color="#E3E3E3", linewidth=0.6, zorder=0)
        ax.text(tick_x + 3, min(ys) - pad_y * 0.6, text, fontsize=6, color="#555555")
    for x0, x1, y, colour in view.extras.get("bars", []):
        ax.plot([x0, x1], [y, y], color=colour, linewidth=6, alpha=0.3, solid_capstyle="butt", zorder=1)
    for e in view.edges:
        (x0, y0), (x1, y1) = positions[e.source], positions[e.target]
        ax.plot([x0, x1], [y0, y1], color=e.color, linewidth=max(e.width * 0.6, 0.4),
                linestyle=(0, (3, 2)) if e.dashes else "-", alpha=0.8, zorder=2)
        if e.label and view.name == "fig2":
            ax.text((x0 + x1) / 2, (y0 + y1) / 2, e.label, fontsize=6, ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}, zorder=3)
    small = len(view.nodes) > 60
    for n in view.nodes:
        x, y = positions[n.id]
        box = n.shape in ("box", "ellipse")
        if box:
            width = 26 if n.kind in ("workstream", "milestone") else 20
            ax.text(x, y, wrap(n.label, width), fontsize=5 if small else (6.5 if n.kind == "workstream" else 7.5),
                    ha="center", va="center", color=_text_colour(n.color), zorder=4,
                    bbox={"boxstyle": "round,pad=0.3", "fc": n.color, "ec": "#333333", "lw": 0.4})
        else:
            marker = "D" if n.shape == "diamond" else "o"
            ax.scatter([x], [y], s=max(n.size, 4) * 4, c=n.color, marker=marker, edgecolors="#333333",
                       linewidths=0.4, zorder=4)
            if not small or n.kind in ("plan", "priority", "group"):
                ax.text(x, y + n.size + 6, wrap(n.label, 24), fontsize=5 if small else 6, ha="center", va="top",
                        zorder=5)
    fig.text(0.03, 0.965, view.title, fontsize=13, weight="bold", va="top")
    if view.subtitle:
        fig.text(0.03, 0.93, view.subtitle, fontsize=8.5, color="#555555", va="top")
    if view.legend:
        handles = [Patch(facecolor=c, edgecolor="#333333", label=t) for t, c in view.legend]
        fig.legend(handles=handles, loc="upper right", fontsize=7, frameon=False, bbox_to_anchor=(0.98, 0.97))
    return fig


def _positions(view: View) -> dict[str, tuple[float, float]]:
    if all(n.x is not None for n in view.nodes):
        return {n.id: (n.x, n.y) for n in view.nodes}
    import networkx as nx

    # Views drawn by physics in the browser get a deterministic layout for print.
    G = nx.Graph()
    G.add_nodes_from(n.id for n in view.nodes)
    G.add_edges_from((e.source, e.target) for e in view.edges)
    layout = nx.spring_layout(G, seed=7, k=1.5 / max(len(view.nodes), 1) ** 0.5, iterations=60)
    return {k: (float(v[0]) * 1000, float(v[1]) * 1000) for k, v in layout.items()}


def write_image(view: View, path: str | Path, fmt: str | None = None, dpi: int = 200) -> Path:
    """Write *view* as SVG or PNG (from *fmt* or the file extension), atomically.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> from strategygraph.render.views import fig1
    >>> out = write_image(fig1(sg.build_graph(sg.sample_data())), pathlib.Path(tempfile.mkdtemp()) / "fig1.svg")
    >>> "Climate Emergency" in out.read_text()
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in ("svg", "png"):
        raise ValueError(f"static images are svg or png, not {fmt!r}")
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "strategygraph",
                                "font.family": "DejaVu Sans"}):
        fig = draw(view)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight",
                    metadata={"Date": None} if fmt == "svg" else None)
        plt.close(fig)
    with atomic_write(path, "wb") as handle:
        handle.write(buffer.getvalue())
    return path
