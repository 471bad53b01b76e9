"""`python -m nghiquyet`: the `nghiquyet` command."""

from .cli import run

run()
