"""Docs are checked: every command has help text and a place in the README."""

import argparse

from conftest import ROOT

from newsevents.cli import COMMANDS, build_parser


def subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action


def test_every_command_is_runnable_and_has_help():
    action = subcommands()
    names = set(action.choices)
    assert names == set(COMMANDS)
    helps = {a.dest: a.help for a in action._choices_actions}
    for name in names:
        assert helps.get(name), f"`newsevents {name}` has no help text"


def test_readme_shows_every_command_and_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in subcommands().choices:
        assert f"newsevents {name}" in readme, f"README.md does not show `newsevents {name}`"
    assert "make demo" in readme and "make test" in readme
