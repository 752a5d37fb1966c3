"""``python -m strategygraph``: the command line."""

from strategygraph.cli import main

main()
