"""Every command is documented: help with an example, options with help, a README section."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click
import pytest

from kg.cli import cli

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_reference():
    """scripts/command_reference.py, which writes README's command reference from --help."""
    spec = importlib.util.spec_from_file_location(
        "command_reference", ROOT / "scripts" / "command_reference.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def test_readme_command_reference_is_the_help():
    reference = command_reference()
    assert reference.with_reference(README) == README, (
        "README.md's command reference is stale: run python scripts/command_reference.py"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_reference_has_every_command(name):
    assert f"### kg {name}\n\n```\nUsage: kg {name} " in command_reference().reference()
