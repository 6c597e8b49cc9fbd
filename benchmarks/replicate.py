"""A demo wave replicated to many respondents, for the benchmarks (not a test)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def replicated_wave(folder: Path, rows: int, wave: str = "anna-e2"):
    """Write the demo wave ``wave`` copied to ``rows`` respondents (unique codes, German
    Excel CSV) with its codebook and a one-wave registry into ``folder``; return the
    :class:`survey.registry.Wave` and the number of raw columns."""
    import pandas as pd

    from survey.io import read_raw
    from survey.registry import Wave, get_wave

    source = get_wave(ROOT / "waves.yml", wave)
    raw = read_raw(source.raw).frame
    copies = -(-rows // len(raw))
    big = pd.concat([raw] * copies, ignore_index=True).iloc[:rows].copy()
    big[raw.columns[0]] = [f"B-{i:07d}" for i in range(len(big))]
    raw_path = folder / source.raw.name
    big.to_csv(raw_path, sep=";", index=False, encoding="utf-8-sig")
    shutil.copy(source.codebook, folder / "codebook.yml")
    (folder / "waves.yml").write_text(
        f"waves:\n  bench:\n    title: bench\n    raw: {raw_path.name}\n"
        "    codebook: codebook.yml\n    notebooks: []\n", encoding="utf-8")
    wave = Wave(name="bench", title="bench", raw=raw_path, codebook=folder / "codebook.yml",
                registry=folder / "waves.yml")
    return wave, raw.shape[1]
