"""The e-mails' texts of the one catalogue (schemas.messages): reminders before a deadline, the late notice,
the problems of a bad file and the receipt of a good one; each key "mail.<name>".

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration. Placeholders hold names,
numbers, dates and phrases already in the mail's language; an institution's name as a sentence puts it
(`schemas.institutions.in_text`: "from the Ministry of Justice" in English), in the case the sentence asks for
(`Institution.in_genitive`: "od vas (Ministarstva pravde)" in Serbian). A registry of one's own may give no
genitive: the ".labelled" text then says the name after a label, where the nominative is right; its English is the
same.
"""

# The reminder's and the late notice's English: one text, whichever Serbian says the institution's name
_REMINDER_EN = (
    "Dear colleagues,\n\nthe {report} for {period} is due on {due} ({left}), and we have not yet received a "
    "valid one from {institution}.\nFill in the template, check it with Validate and send it.\n"
    "If you have already sent it, please ignore this message."
)
_LATE_EN = (
    "Dear colleagues,\n\nthe {report} for {period} was due on {due}, and we have not yet received a valid one "
    "from {institution}.\nPlease send it as soon as you can. If you have sent it, check that it has no errors."
)

MAIL_TEXTS: dict[str, tuple[str, str]] = {
    "mail.monthly": ("mesečni izveštaj", "monthly report"),
    "mail.annual": ("godišnji izveštaj", "annual report"),
    "mail.year": ("{year}. godinu", "{year}"),  # as in "za 2017. godinu"
    "mail.reminder.subject": (
        "Podsetnik: {report} za {period}, rok {due}",
        "Reminder: {report} for {period}, due {due}",
    ),
    # {institution}: in the genitive, an apposition to "vas"
    "mail.reminder.body": (
        "Poštovani,\n\nrok za {report} za {period} je {due} ({left}), a od vas ({institution}) još nismo primili "
        "ispravan izveštaj.\nPopunite obrazac, proverite ga dugmetom Proveri i pošaljite ga.\n"
        "Ako ste ga već poslali, zanemarite ovu poruku.",
        _REMINDER_EN,
    ),
    "mail.reminder.body.labelled": (
        "Poštovani,\n\nrok za {report} za {period} je {due} ({left}), a od vas još nismo primili ispravan izveštaj "
        "(institucija: {institution}).\nPopunite obrazac, proverite ga dugmetom Proveri i pošaljite ga.\n"
        "Ako ste ga već poslali, zanemarite ovu poruku.",
        _REMINDER_EN,
    ),
    "mail.left.today": ("rok ističe danas", "the deadline is today"),
    "mail.left.one": ("ostao je još {n} radni dan", "{n} working day left"),
    "mail.left.few": ("ostala su još {n} radna dana", "{n} working days left"),
    "mail.left.many": ("ostalo je još {n} radnih dana", "{n} working days left"),
    "mail.late_by.one": ("stigao je {n} radni dan posle roka", "it came {n} working day late"),
    "mail.late_by.few": ("stigao je {n} radna dana posle roka", "it came {n} working days late"),
    "mail.late_by.many": ("stigao je {n} radnih dana posle roka", "it came {n} working days late"),
    "mail.late.subject": (
        "Kašnjenje: {report} za {period} (rok je bio {due})",
        "Late: {report} for {period} (due {due})",
    ),
    "mail.late.body": (
        "Poštovani,\n\nrok za {report} za {period} bio je {due}, a od vas ({institution}) još nismo primili ispravan "
        "izveštaj.\nPošaljite ga što pre. Ako ste ga poslali, proverite da li je bez grešaka.",
        _LATE_EN,
    ),
    "mail.late.body.labelled": (
        "Poštovani,\n\nrok za {report} za {period} bio je {due}, a od vas još nismo primili ispravan izveštaj "
        "(institucija: {institution}).\nPošaljite ga što pre. Ako ste ga poslali, proverite da li je bez grešaka.",
        _LATE_EN,
    ),
    "mail.problems.subject": (
        "Potrebna ispravka: {report} za {period} ({errors})",
        "Corrections needed: {report} for {period} ({errors})",
    ),
    "mail.problems.body": (
        "Poštovani,\n\n{report} za {period} ({institution}, datoteka {file}, primljena {received}) {has_errors} "
        "i nije prihvaćen.\nIspravite sledeće, proverite ga dugmetom Proveri i pošaljite ponovo:\n\n{problems}",
        "Dear colleagues,\n\nthe {report} for {period} from {institution} (file {file}, received {received}) "
        "{has_errors} and was not accepted.\nFix the following, check it with Validate and send it again:\n\n"
        "{problems}",
    ),
    # Said without a count (the subject counts them): one error is one, any other number is plural (21 too).
    "mail.has_error": ("ima grešku", "has an error"),
    "mail.has_errors": ("ima greške", "has errors"),
    "mail.problem.line": ("- list {sheet}, ćelija {cell}: {message}", "- sheet {sheet}, cell {cell}: {message}"),
    "mail.problem.file": ("- {message}", "- {message}"),
    "mail.receipt.subject": ("Primljeno: {report} za {period}", "Received: {report} for {period}"),
    "mail.receipt.body": (
        "Poštovani,\n\nprimili smo ispravan {report} za {period} ({institution}, datoteka {file}), "
        "{received} u {time}.\nRok je bio {due}, a {timing}.\nHvala.",
        "Dear colleagues,\n\nwe have received a valid {report} for {period} from {institution} (file {file}) "
        "on {received} at {time}.\nIt was due on {due}, and {timing}.\nThank you.",
    ),
    "mail.on_time": ("stigao je na vreme", "it came on time"),
    # A correction sent after the deadline: the report counts by its earlier valid version ({first}, its date).
    "mail.on_time_earlier": (
        "izveštaj se računa kao dostavljen na vreme, jer je njegova ispravna verzija stigla do roka ({first})",
        "the report counts as on time, as a valid version of it came by the deadline ({first})",
    ),
    "mail.late_first.one": (
        "izveštaj kasni {n} radni dan, po svojoj prvoj ispravnoj verziji ({first})",
        "the report is {n} working day late, by its first valid version ({first})",
    ),
    "mail.late_first.few": (
        "izveštaj kasni {n} radna dana, po svojoj prvoj ispravnoj verziji ({first})",
        "the report is {n} working days late, by its first valid version ({first})",
    ),
    "mail.late_first.many": (
        "izveštaj kasni {n} radnih dana, po svojoj prvoj ispravnoj verziji ({first})",
        "the report is {n} working days late, by its first valid version ({first})",
    ),
    # [mail] contact, after the signature: whom an officer with a question calls.
    "mail.contact": ("\nZa pitanja: {contact}", "\nQuestions: {contact}"),
    # A late notice or reminder to an institution whose file named for the period holds another period's report
    "mail.wrong_file": (
        "\n\nNapomena: primili smo datoteku {file}, ali u njoj je izveštaj za {held} (tako piše na njenoj "
        "naslovnoj strani), a ne za {period}. Verovatno je popunjen obrazac za pogrešan period ili je datoteka "
        "sačuvana pod pogrešnim imenom. Preuzmite obrazac za {period}, popunite ga i pošaljite.",
        "\n\nNote: we received the file {file}, but it holds the report for {held} (as its cover says), not for "
        "{period}. Probably the template of the wrong period was filled in, or the file was saved under the wrong "
        "name. Download the template for {period}, fill it in and send it.",
    ),
    "mail.signature": (
        "\n\n--\nPoruku je poslao sistem apmon u ime Nacionalnog koordinatora za borbu protiv trgovine ljudima.",
        "\n\n--\nSent by apmon on behalf of the National Coordinator for the Fight against Human Trafficking.",
    ),
}
