"""`python -m assistant.cli`: the CLI run from a checkout without installing (the benches and docs call it so)."""

from assistant.cli import main

main()
