"""The file problems of the one catalogue (schemas.messages): why a file cannot be read as a workbook.

code -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

_SAVE_AS_SR = "sačuvajte je kao „Excel radna sveska (.xlsx)“"
_SAVE_AS_EN = "save it as 'Excel Workbook (.xlsx)'"

# code -> (Serbian Latin, English). Serbian Cyrillic is derived by transliteration.
FILE_PROBLEMS: dict[str, tuple[str, str]] = {
    "file-missing": (
        "Datoteka „{name}“ nije pronađena. Proverite da li je izveštaj poslat i pošaljite ga ponovo.",
        "The file '{name}' was not found. Check that the report was sent and send it again.",
    ),
    "file-empty": (
        "Datoteka „{name}“ je prazna (0 bajtova), verovatno zbog prekida pri čuvanju ili slanju. "
        "Otvorite izveštaj u Excelu, proverite da je popunjen, sačuvajte ga i pošaljite ponovo.",
        "The file '{name}' is empty (0 bytes), probably because saving or sending was interrupted. "
        "Open your report in Excel, check that it is filled in, save it and send it again.",
    ),
    "file-blank": (
        "Datoteka „{name}“ ne sadrži ništa osim praznina (razmaka ili praznih redova), verovatno zbog prekida pri "
        "čuvanju ili slanju. Otvorite izveštaj u Excelu, proverite da je popunjen, sačuvajte ga i pošaljite ponovo.",
        "The file '{name}' holds nothing but blanks (spaces or empty lines), probably because saving or sending was "
        "interrupted. Open your report in Excel, check that it is filled in, save it and send it again.",
    ),
    "file-too-large": (
        "Datoteka je prevelika ({size} MB, a dozvoljeno je najviše {limit} MB). "
        f"Uklonite slike i druge umetnute sadržaje iz izveštaja, {_SAVE_AS_SR} i pošaljite ponovo.",
        "The file is too large ({size} MB; at most {limit} MB is allowed). "
        f"Remove pictures and other inserted content from the report, {_SAVE_AS_EN} and send it again.",
    ),
    "file-old-xls": (
        f"Datoteka je u starom Excel formatu (.xls). Otvorite je u Excelu i {_SAVE_AS_SR}, pa je pošaljite ponovo.",
        f"The file is in the old Excel format (.xls). Open it in Excel, {_SAVE_AS_EN} and send it again.",
    ),
    "file-password-protected": (
        "Datoteka je zaštićena lozinkom, pa sistem ne može da je pročita. Otvorite je u Excelu, izaberite "
        "Datoteka > Informacije > Zaštiti radnu svesku > Šifruj pomoću lozinke, obrišite lozinku i potvrdite, "
        "pa sačuvajte datoteku i pošaljite je ponovo.",
        "The file is protected with a password, so it cannot be read. Open it in Excel, choose "
        "File > Info > Protect Workbook > Encrypt with Password, clear the password and confirm, "
        "then save the file and send it again.",
    ),
    "file-xlsb": (
        "Datoteka je sačuvana kao Excel binarna radna sveska (.xlsb), koju sistem ne čita. Otvorite je u Excelu i "
        f"{_SAVE_AS_SR} (Datoteka > Sačuvaj kao), pa je pošaljite ponovo.",
        "The file is saved as an Excel Binary Workbook (.xlsb), which the system does not read. Open it in Excel, "
        f"{_SAVE_AS_EN} (File > Save As) and send it again.",
    ),
    "file-ods": (
        "Datoteka je tabela programa LibreOffice ili OpenOffice (.ods), a ne Excel radna sveska. Otvorite je, "
        "izaberite Datoteka > Sačuvaj kao, vrstu „Excel 2007-365 (.xlsx)“, pa je pošaljite ponovo.",
        "The file is a LibreOffice or OpenOffice spreadsheet (.ods), not an Excel workbook. Open it, "
        "choose File > Save As, the type 'Excel 2007-365 (.xlsx)', and send it again.",
    ),
    "file-csv": (
        "Datoteka je tekstualna tabela (CSV) koja počinje sa „{excerpt}“, a ne Excel radna sveska, pa u njoj nema "
        "obrasca izveštaja. Unesite podatke u obrazac izveštaja, sačuvajte ga kao „Excel radna sveska (.xlsx)“ "
        "i pošaljite ponovo.",
        "The file is a text table (CSV) starting with '{excerpt}', not an Excel workbook, so it does not hold "
        "the report template. Enter the data in the report template, save it as 'Excel Workbook (.xlsx)' "
        "and send it again.",
    ),
    "file-text": (
        "Datoteka sadrži običan tekst („{excerpt}“), a ne Excel radnu svesku. Pošaljite popunjen obrazac "
        "izveštaja sačuvan kao „Excel radna sveska (.xlsx)“.",
        "The file holds plain text ('{excerpt}'), not an Excel workbook. Send the filled-in report template "
        "saved as 'Excel Workbook (.xlsx)'.",
    ),
    "file-html": (
        "Datoteka je veb-stranica (HTML), a ne prava Excel radna sveska; tako izvoze tabele neki informacioni "
        f"sistemi. Otvorite je u Excelu i {_SAVE_AS_SR}, pa je pošaljite ponovo.",
        "The file is a web page (HTML), not a real Excel workbook; some information systems export tables "
        f"this way. Open it in Excel, {_SAVE_AS_EN} and send it again.",
    ),
    "file-pdf": (
        "Datoteka je PDF dokument, a ne Excel radna sveska, pa se podaci iz nje ne mogu pročitati. Pošaljite "
        "popunjen obrazac izveštaja sačuvan kao „Excel radna sveska (.xlsx)“.",
        "The file is a PDF document, not an Excel workbook, so its data cannot be read. Send the filled-in "
        "report template saved as 'Excel Workbook (.xlsx)'.",
    ),
    "file-not-spreadsheet": (
        "Datoteka nije Excel radna sveska (prepoznata vrsta: {kind}); možda je greškom priložena druga "
        "datoteka. Pošaljite popunjen obrazac izveštaja sačuvan kao „Excel radna sveska (.xlsx)“.",
        "The file is not an Excel workbook (detected type: {kind}); perhaps another file was attached by "
        "mistake. Send the filled-in report template saved as 'Excel Workbook (.xlsx)'.",
    ),
    "file-corrupt": (
        "Datoteka je oštećena ili nepotpuna (možda čuvanje ili slanje nije završeno). Otvorite je u Excelu, "
        f"{_SAVE_AS_SR} i pošaljite ponovo; ako se ne otvara, pošaljite ponovo prvobitnu datoteku.",
        "The file is damaged or incomplete (perhaps saving or sending did not finish). Open the report in Excel, "
        f"{_SAVE_AS_EN} and send it again; if it does not open, send the original file again.",
    ),
    "file-zip-bomb": (
        "Datoteka je sažeta na neuobičajen način i pri otvaranju bi zauzela previše memorije, pa je sistem iz "
        "bezbednosnih razloga ne otvara. Obrišite prazne redove i kolone na kraju listova, sačuvajte izveštaj "
        "kao „Excel radna sveska (.xlsx)“ i pošaljite ponovo.",
        "The file is compressed in an unusual way and would take too much memory to open, so for safety it is "
        "not opened. Delete empty rows and columns at the end of the sheets, save the report as "
        "'Excel Workbook (.xlsx)' and send it again.",
    ),
    # A workbook too large to read because cells are merged over a huge area (Excel writes each cell of the range)
    "file-merged-too-large": (
        "Na listu „{sheet}“ ćelije su spojene preko ogromne oblasti ({range}), pa bi datoteka pri čitanju zauzela "
        "previše memorije i ne čita se. Izaberite tu oblast (upišite {range} u polje za ime, levo od linije za "
        "formule, i potvrdite), razdvojite ćelije (Početak > Objedini i centriraj) i spojite samo one koje "
        "pripadaju izveštaju, sačuvajte izveštaj kao „Excel radna sveska (.xlsx)“ i pošaljite ponovo.",
        "On the sheet '{sheet}' cells are merged over a huge area ({range}), so reading the file would take too much "
        "memory and it is not read. Select that area (type {range} in the Name Box, left of the formula bar, and "
        "press Enter), unmerge the cells (Home > Merge & Center) and merge only those that belong to the report, "
        "save the report as 'Excel Workbook (.xlsx)' and send it again.",
    ),
    "file-sheet-too-large": (
        "Popunjeni deo lista „{sheet}“ proteže se do ćelije {cell}, daleko izvan izveštaja, pa bi list pri čitanju "
        "zauzeo previše memorije. Na tom listu pritisnite Ctrl+End da biste videli dokle seže, obrišite ono što je "
        "upisano izvan izveštaja, sačuvajte ga i pošaljite ponovo.",
        "The filled part of the sheet '{sheet}' reaches cell {cell}, far outside the report, so reading the sheet "
        "would take too much memory. On that sheet press Ctrl+End to see how far it reaches, delete what is typed "
        "outside the report, save it and send it again.",
    ),
    # The Google twins of file-sheet-too-large: a Google Sheet's size is told by its grid (the rows and columns it has,
    # filled or not) before any cell is read. A template's sheets have a few thousand cells, a new sheet 26,000.
    "google-sheet-too-large": (
        "List „{sheet}“ Google tabele „{name}“ je prevelik da bi se pročitao (redova: {rows}, kolona: {columns}, "
        "ćelija: {cells}; list izveštaja sme imati najviše {limit}), pa se tabela ne čita. Na tom listu izaberite prazne redove ispod "
        "izveštaja i prazne kolone desno od njega i obrišite ih (desni klik > Izbriši redove, odnosno Izbriši "
        "kolone), zajedno sa onim što ne pripada izveštaju; tabela se ponovo čita pri sledećoj sinhronizaciji.",
        "The sheet '{sheet}' of the Google spreadsheet '{name}' has {rows} rows and {columns} columns ({cells} "
        "cells); a report's sheet may have at most {limit} cells, so the spreadsheet is not read. On that sheet "
        "select the empty rows below the report and the empty columns to its right and delete them (right-click > "
        "Delete rows, or Delete columns), with whatever does not belong in the report; the spreadsheet is read again "
        "at the next sync.",
    ),
    "google-sheets-too-large": (
        "Listovi Google tabele „{name}“ koji se čitaju zajedno su preveliki da bi se pročitali (ćelija: {cells}; "
        "izveštaj sme imati najviše {limit}), pa se tabela ne čita; najveći je „{sheet}“ (redova: {rows}, kolona: "
        "{columns}). Obrišite "
        "listove koje ste sami dodali (desni klik na karticu lista > Izbriši) i prazne redove i kolone izvan "
        "izveštaja; ako ste preimenovali list obrasca, vratite mu ime. Tabela se ponovo čita pri sledećoj "
        "sinhronizaciji.",
        "The sheets of the Google spreadsheet '{name}' that are read have {cells} cells together; a "
        "report may have at most {limit}, so the spreadsheet is not read; the largest is '{sheet}' ({rows} rows and "
        "{columns} columns). Delete the sheets you added yourself (right-click the sheet tab > Delete) and the empty "
        "rows and columns outside the report; if you renamed a sheet of the template, give it back its name. The "
        "spreadsheet is read again at the next sync.",
    ),
    "file-part-too-large": (
        "List „{part}“ (ili taj deo datoteke) sadrži daleko više od bilo kog izveštaja (više od {limit} MB, ili "
        "milione praznih oznaka koje nijedan program za tabele ne upisuje), pa se ne čita: njegovo čitanje bi zadržalo "
        "sve ostale izveštaje. Otvorite izveštaj u Excelu, obrišite ono što ne pripada izveštaju (sadržaj nalepljen "
        "iz drugih datoteka, svoje listove), sačuvajte ga kao „Excel radna sveska (.xlsx)“ i pošaljite ponovo.",
        "The sheet '{part}' (or that part of the file) holds far more than any report (over {limit} MB, or millions "
        "of empty entries that no spreadsheet program writes), so it is not read: reading it would hold up every "
        "other report. Open the report in Excel, delete what does not belong in it (content pasted from other files, "
        f"sheets of your own), {_SAVE_AS_EN} and send it again.",
    ),
    # Found by how reading went, not by looking at the file: the process reading it died, and so did another that
    # read it alone (sync.parsing), as a crash of a native library (python-calamine) on this file makes it.
    "file-crashed-reader": (
        "Datoteka nije mogla da se pročita: njeno čitanje je zaustavilo program koji čita izveštaje. Otvorite je "
        f"u Excelu i {_SAVE_AS_SR}, pa je pošaljite ponovo; ako se to ponovi, javite Nacionalnom koordinatoru.",
        "The file could not be read: reading it stopped the program that reads the reports. Open it in Excel, "
        f"{_SAVE_AS_EN} and send it again; if this happens again, tell the National Coordinator.",
    ),
    # Not why a file cannot be read: a refused file's content the ledger did not keep (sync.run's allowance of refused
    # files' content per folder and day), said beside why it was refused.
    "file-not-kept": (
        "Sadržaj datoteke „{name}“ ({size} MB) nije sačuvan u evidenciji: odbijene datoteke iz fascikle „{folder}“ "
        "danas su već zauzele dozvoljenih {limit} MB. Sačuvano je da je stigla, kada, pod kojim imenom i zašto je "
        "odbijena. Ispravite izveštaj i pošaljite ga ponovo; ne ostavljajte u fascikli datoteke koje nisu izveštaji.",
        "The content of the file '{name}' ({size} MB) was not kept in the ledger: the refused files from the folder "
        "'{folder}' already took the {limit} MB allowed for today. That it came, when, under which name and why it "
        "was refused is kept. Correct the report and send it again; leave no files that are not reports in the "
        "folder.",
    ),
    "file-not-readable": (
        "Datoteka ne može da se otvori ni pročita ({reason}). Pošaljite je ponovo, a ako se greška ponovi, "
        "obratite se administratoru sistema.",
        "The file cannot be opened or read ({reason}). Send it again, and if this happens again, contact the "
        "system administrator.",
    ),
}
