"""The options several sub-commands share come from one helper: same spelling, type, default."""

import pytest

import symflat
from symflat.cli import main
from symflat.cli.main import build_parser
from symflat.errors import SymflatError

SHARED = {"verify": ("--proofs", "--store", "--jobs"), "report": ("--proofs", "--store", "--jobs"),
          "sweep": ("--store", "--jobs")}


def _options(command):
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions if a.choices)  # the sub-commands
    return {o: a for a in sub.choices[command]._actions for o in a.option_strings}


@pytest.mark.parametrize("command", sorted(SHARED))
def test_shared_options_agree_and_use_every_cpu_by_default(command):
    options = _options(command)
    reference = _options("verify")
    for name in SHARED[command]:
        mine, theirs = options[name], reference[name]
        assert (mine.type, mine.metavar) == (theirs.type, theirs.metavar), name
    assert options["--jobs"].default == 0  # one worker per CPU unless told otherwise


@pytest.mark.parametrize("command", sorted(SHARED))
def test_a_negative_jobs_is_refused_in_one_line(command, capsys):
    args = [command, "--jobs", "-2"] + (["products"] if command == "sweep" else [])
    assert main(args) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert "'-2' is not a number of worker processes" in error


@pytest.mark.parametrize("call, argv, parameter, option", [
    (lambda: symflat.sweep("monomials", max_degree=40), ["sweep", "monomials", "--max-degree",
                                                          "40"], "`max_degree`", "--max-degree"),
    (lambda: symflat.sweep("chain", grid=9), ["sweep", "chain", "--grid", "9"], "`grid`",
     "--grid"),
])
def test_the_library_names_parameters_and_the_command_its_options(call, argv, parameter,
                                                                   option, capsys, tmp_path):
    with pytest.raises(SymflatError) as error:
        call()
    assert parameter in str(error.value) and "--" not in str(error.value)
    assert main([*argv, "--store", str(tmp_path / "s.sqlite")]) == 2
    err = capsys.readouterr().err
    assert option in err and parameter not in err
