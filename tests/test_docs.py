"""Every command is documented: help with an example, options with help, a README section."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from kg.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_there_are_commands():
    assert COMMANDS == [
        "analyze",
        "build",
        "explain",
        "extract",
        "push",
        "query",
        "serve",
        "validate",
    ]


def test_group_help_has_an_example():
    assert "Example: kg " in (cli.help or "")


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example(name):
    command = cli.commands[name]
    assert command.help, f"kg {name} has no docstring"
    assert f"Example: kg {name} " in command.help, f"kg {name} help lacks 'Example: kg {name} ...'"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_options_have_help(name):
    for param in cli.commands[name].params:
        if isinstance(param, click.Option):
            assert param.help, f"kg {name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name):
    assert f"### kg {name}\n" in README, f"README.md has no '### kg {name}' section"
