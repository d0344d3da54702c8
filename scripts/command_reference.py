"""Write the command reference of README.md from ``kg COMMAND --help``, or check it.

    python scripts/command_reference.py          # rewrite the block in README.md
    python scripts/command_reference.py --check  # exit 1 if README.md is stale

The block sits between the two marker lines below; everything else in README.md is left as is.
tests/test_docs.py fails when the block differs from what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- command reference: written by scripts/command_reference.py from kg --help -->"
END = "<!-- end of the command reference -->"
#: The order of the reference: the data flow, from releases to a shared endpoint.
ORDER = ("build", "extract", "explain", "query", "analyze", "validate", "serve", "push")
WIDTH = 100  # the help's line width, whatever the terminal


def help_text(*args: str) -> str:
    """What ``kg ARGS... --help`` prints at :data:`WIDTH` columns."""
    result = CliRunner().invoke(cli, [*args, "--help"], terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    return result.output


def reference() -> str:
    """The generated block, markers included."""
    missing = sorted(set(cli.commands) - set(ORDER))
    assert not missing, f"add {missing} to ORDER in scripts/command_reference.py"
    parts = [BEGIN, "", "```", help_text().rstrip(), "```"]
    for name in ORDER:
        parts += ["", f"### kg {name}", "", "```", help_text(name).rstrip(), "```"]
    return "\n".join([*parts, "", END])


def with_reference(readme: str) -> str:
    """``readme`` with its block replaced by :func:`reference`."""
    head, found, rest = readme.partition(BEGIN)
    _, found_end, tail = rest.partition(END)
    if not (found and found_end):
        raise SystemExit(f"{README}: the markers {BEGIN!r} and {END!r} are missing")
    return head + reference() + tail


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    wanted = with_reference(current)
    if "--check" in argv:
        if current != wanted:
            print(f"{README} is stale: run python scripts/command_reference.py", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        README.write_text(wanted, encoding="utf-8")
        print(f"wrote: {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
