"""The researcher notebooks run top to bottom on the demo store (and are committed without outputs)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from fupin.pipeline_run import run_pipeline

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_reconciliation.ipynb"]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store `fupin run --demo` builds: the demo site crawled, extracted, reconciled."""
    home = tmp_path_factory.mktemp("demo") / "fupin-data"
    summary = run_pipeline(home, demo=True)
    assert summary.status == "ok", summary.errors
    assert summary.new_articles > 0 and summary.new_facts > 0
    return home


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name: str, demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUPIN_HOME", str(demo_home))
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute(env={**os.environ})
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type == "display_data" and "image/png" in o.data for o in outputs)  # the plot
