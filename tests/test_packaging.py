"""A regular (non-editable) install ships the notebooks and finds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_wheel_install_finds_its_notebooks(tmp_path):
    # build from a copy, so that the checkout gets no build/ or egg-info
    src = tmp_path / "src-copy"
    for name in ("pyproject.toml", "README.md"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    for folder in ("src", "notebooks"):
        shutil.copytree(ROOT / folder, src / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(src)], check=True, capture_output=True)
    (wheel,) = wheels.glob("*.whl")
    shipped = {Path(n).name for n in zipfile.ZipFile(wheel).namelist()
               if n.startswith("survey/notebooks/")}
    expected = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert expected and shipped == expected

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    # the installed copy comes first on the path, from a folder outside the checkout
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", "import survey, survey.batch as b; "
         "print(survey.__file__); print(b.default_notebooks_dir())"],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path).stdout.split("\n")
    assert out[0].startswith(str(target))
    notebooks = Path(out[1])
    assert notebooks.is_relative_to(target)
    assert {p.name for p in notebooks.glob("*.ipynb")} == expected
