"""The project's own promises: README's commands and CI agree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = text.split("```bash", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]


def test_readme_starts_with_the_two_commands():
    install_and_run, tests = readme_commands()
    assert install_and_run.startswith("pip install .")
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1].strip() == readme_commands()[1]


def test_ci_builds_the_documentation_with_the_readme_command():
    readme = (ROOT / "README.md").read_text()
    command = 'pip install ".[docs]" && sphinx-build -W -b html docs docs/_build/html'
    assert command in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert 'pip install -q ".[docs]" && sphinx-build -W -q -b html docs docs/_build/html' in ci


def test_the_wheel_carries_the_catalog_and_the_templates(tmp_path):
    """A plain `pip install .` must find proofs/ and the report templates inside the package."""
    import subprocess
    import sys
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("symflat-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    catalog = {p.name for p in (ROOT / "proofs").glob("*.toml")}
    assert catalog and {f"symflat/_data/proofs/{name}" for name in catalog} <= names
    templates = {p.name for p in (ROOT / "reports" / "templates").glob("*.j2")}
    assert templates and {f"symflat/_data/templates/{name}" for name in templates} <= names
