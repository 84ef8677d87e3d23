"""The published final report holds no personal data: the Coordinator's conclusions and recommendations (the sheet
Zaključci of the master, or a workbook given with `--texts`) are searched as a report's cell is. Found December 2026
(the data protection officer's trial): a conclusion naming a victim and her JMBG was read as any other, printed in
the report made for publication and kept in the ledger's record of the issued report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from apmon.schemas.text import Lang
from apmon.sync.final_texts import TextsError, read_texts

VICTIM = "Žrtva Marija Petrović (JMBG 1505953710011) je uspešno reintegrisana."


def _texts(path: Path, conclusion: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Zaključci"
    sheet.append(["Vrsta", "Tekst"])
    sheet.append(["preporuka", "Ojačati lokalne timove."])
    sheet.append(["zaključak", conclusion])
    book.save(path)
    return path


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_conclusion_with_personal_data_is_refused_at_its_cell(tmp_path: Path, lang: Lang) -> None:
    with pytest.raises(TextsError) as refused:
        read_texts(_texts(tmp_path / "tekstovi.xlsx", VICTIM), lang)
    said = refused.value.said(lang)
    assert "B3" in said and "15•••••••••11" in said
    assert "1505953710011" not in said and "Petrović" not in said
    clean = read_texts(_texts(tmp_path / "ispravljeno.xlsx", "Žrtve su uspešno reintegrisane."), lang)
    assert [t.kind for t in clean] == ["recommendation", "conclusion"]
