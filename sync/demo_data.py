"""Synthetic monthly and annual reports for `apmon demo`.

For every reporting institution and every month of a range, the pre-filled
template built by the project's own builders, filled the way a ministry
officer fills it: statuses that move over the months, progress texts about
aggregate events, spending that accumulates through the year (a line of the
whole plan period, with no year, spent from each year's part of its plan),
indicator
counts whose breakdowns add up. Around the due date of each month the
reports arrive: most a few working days early, some late, a few never, a
few with one realistic mistake, and one sent again as a correction. For every
year whose December is in the range, the annual reports follow (seed 10.2: due
15 February): the year's statuses, self-assessments (seed 10.3), spending and
narrative; a few late, one with an activity left unassessed, and none that
would arrive after `until` (they have not come yet).

Everything comes from `random.Random` streams seeded by the seed and what
they describe (institution, task, budget line, month), so the same seed
gives the same content, and a month's content does not depend on the range
asked for. Only the mix (which reports are late, missing or wrong, and the
one budget line that goes over plan) is drawn over the range.

Reports hold aggregate data only: the one personal datum written is the
deliberate JMBG mistake the validator must catch. Preparers are fictional
staff; contacts are office mailboxes and phones.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from pydantic import AwareDatetime, BaseModel, ConfigDict, field_validator

from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar
from apmon.schemas.first_names import OFFICERS_FIRST_NAMES
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.personal_data import jmbg_check_digit
from apmon.schemas.plan import Indicator, Plan
from apmon.schemas.text import Lang, latin_to_cyrillic
from apmon.templates.build import template_file_name
from apmon.templates.layout import (
    FIRST_DATA_ROW,
    META_SHEET,
    SheetRole,
    WorkbookLayout,
    cell_text,
    institution_budget_lines,
    institution_tasks,
    report_layout,
    reporting_institutions,
)
from apmon.templates.xlsx import build_workbook, row_height, set_text_safe

Mistake = Literal["missing-status", "breakdown-mismatch", "personal-data", "amount-ambiguous", "missing-assessment"]
MISTAKES: tuple[Mistake, ...] = ("missing-status", "breakdown-mismatch", "personal-data", "amount-ambiguous")
CORRECTION_SUFFIX = " (ispravka)"  # "correction": the name a resubmitted report gets next to the first one
MISSING_SHARE = 0.03
INVALID_SHARE = 0.03
LATE_SHARE = 0.10
ANNUAL_LATE_SHARE = 0.15

Pair = tuple[str, str]  # (Serbian Latin, English)
Edits = dict[tuple[SheetRole, str, str], Any]  # (sheet role, row key, column key) -> value typed in


class DemoSubmission(BaseModel):
    """One report file the demo wrote: who, which month, when it arrived, and what is wrong with it."""

    model_config = ConfigDict(frozen=True)

    institution: str
    period: str  # YYYY-MM, or YYYY for an annual report
    path: Path
    submitted_at: AwareDatetime  # office hours in Belgrade, kept in UTC; also the file's mtime
    due: dt.date
    late: bool  # submitted after the due date (Belgrade calendar day)
    invalid: bool = False
    mistake: Mistake | None = None  # the one error code the validator reports for an invalid file
    resubmission: bool = False  # the corrected second version of a report sent before

    @field_validator("submitted_at")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        return value.astimezone(dt.UTC)


def demo_periods(first: str, last: str) -> list[Period]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    start, end = Period.parse(first), Period.parse(last)
    if start.month is None or end.month is None:
        raise ValueError(f"the demo range is given in months (YYYY-MM), not {first!r}..{last!r}")
    if (end.year, end.month) < (start.year, start.month):
        raise ValueError(f"the demo range ends ({last}) before it starts ({first})")
    return [_period(i) for i in range(_index(start), _index(end) + 1)]


def write_demo_reports(
    plan: Plan,
    registry: InstitutionRegistry,
    folder: Path,
    *,
    seed: int = 2018,
    first: str = "2017-09",
    last: str = "2018-12",
    calendar: WorkingCalendar | None = None,
    on_file: Callable[[DemoSubmission], None] | None = None,
    until: dt.date | None = None,
) -> list[DemoSubmission]:
    """Write the demo's report files into `folder/<YYYY-MM>/` (annual reports into `folder/<YYYY>/`) and return
    what was written, in order.

    An institution-month drawn as missing has no file and no entry; nor has an annual report that would be sent
    after `until`. Files are written over any of the same name; nothing else in `folder` is touched.
    """
    calendar = calendar or WorkingCalendar()
    periods = demo_periods(first, last)
    codes = reporting_institutions(plan, registry)
    profiles = _profiles(codes, seed)
    story = _Story(plan, seed, calendar)
    story.choose_over_plan(codes, periods)

    # 1. What every institution would report each month: one layout, one set of typed values.
    drafts: list[_Draft] = []
    for period in periods:
        due = calendar.due_date(period).due
        for code in codes:
            profile = profiles[code]
            layout = report_layout(plan, registry, code, period, profile.lang, calendar)
            drafts.append(_Draft(profile, period, due, layout, story.fill(profile, period, layout)))

    # 2. Which reports arrive late, never, with a mistake, or twice.
    mix = _draw_mix(drafts, seed, first, last)

    # 3. Write the files.
    books = _Books()
    written: list[DemoSubmission] = []
    for draft in drafts:
        key = (draft.profile.code, str(draft.period))
        if key in mix.missing:
            continue
        sent = _submission_time(seed, draft, key in mix.late, calendar)
        versions: list[tuple[Edits, dt.datetime, Mistake | None, bool]] = []
        if key in mix.resubmitted:
            mistake, wrong = mix.resubmitted[key]
            versions.append((wrong, sent, mistake, False))
            later = _office_hours(_rng(seed, *key, "correction"), _working_days_from(calendar, sent.date(), 2))
            versions.append((draft.edits, later, None, True))
        elif key in mix.invalid:
            mistake, wrong = mix.invalid[key]
            versions.append((wrong, sent, mistake, False))
        else:
            versions.append((draft.edits, sent, None, False))
        for edits, local, slip, again in versions:
            submission = _write(books, draft, edits, local, slip, again, folder)
            written.append(submission)
            if on_file:
                on_file(submission)

    # 4. The annual reports of the years that end in the range.
    years = [p.year for p in periods if p.month == 12]
    for year in years:
        for draft, local, slipped in _annual_drafts(plan, registry, seed, year, year == years[0], profiles, story):
            if until is not None and local.date() > until:
                continue  # not sent yet
            edits, slip = (draft.edits, None) if slipped is None else (slipped[1], slipped[0])
            submission = _write(books, draft, edits, local, slip, False, folder)
            written.append(submission)
            if on_file:
                on_file(submission)
    return written


def _annual_drafts(
    plan: Plan,
    registry: InstitutionRegistry,
    seed: int,
    year: int,
    with_mistake: bool,
    profiles: dict[str, _Profile],
    story: _Story,
) -> list[tuple[_Draft, dt.datetime, tuple[Mistake, Edits] | None]]:
    """Every institution's annual report for `year`, when it is sent (a few late), and the one mistake (an
    activity left unassessed) when `with_mistake`."""
    period, calendar = Period(year=year), story.calendar
    due = calendar.due_date(period).due
    drafts = []
    for code in reporting_institutions(plan, registry, "annual"):
        profile = profiles[code]
        layout = report_layout(plan, registry, code, period, profile.lang, calendar)
        drafts.append(_Draft(profile, period, due, layout, story.fill_annual(profile, year, layout)))
    rng = _rng(seed, "annual-mix", year)
    keys = [d.profile.code for d in drafts]
    late = set(_weighted_sample(rng, [(k, k) for k in keys], [float(d.profile.tardiness) for d in drafts],
                                max(1, round(ANNUAL_LATE_SHARE * len(keys)))))  # fmt: skip
    unassessed = [d for d in drafts if d.layout.sheet("activities").rows]
    wrong = rng.choice(unassessed) if with_mistake and unassessed else None
    found: list[tuple[_Draft, dt.datetime, tuple[Mistake, Edits] | None]] = []
    for draft in drafts:
        sent_rng = _rng(seed, draft.profile.code, period, "sent")
        is_late = (draft.profile.code, draft.profile.code) in late
        # Annual reports take weeks: sent up to four weeks before the due date, or a few working days after.
        shift = sent_rng.randint(1, 6) if is_late else -sent_rng.randint(1, 20)
        local = _office_hours(sent_rng, _working_days_from(calendar, due, shift))
        mistake: tuple[Mistake, Edits] | None = None
        if draft is wrong:
            edits = dict(draft.edits)
            activity = sent_rng.choice(draft.layout.sheet("activities").rows).key
            del edits[("activities", activity, "assessment")]
            mistake = ("missing-assessment", edits)
        found.append((draft, local, mistake))
    return found


# --- time ---------------------------------------------------------------------


def _belgrade(local: dt.datetime) -> dt.datetime:
    """A Belgrade wall-clock time as an aware UTC datetime (tzdata is a dependency on Windows)."""
    return local.replace(tzinfo=BELGRADE).astimezone(dt.UTC)


def _working_days_from(calendar: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (n > 0) or before it (n < 0)."""
    step = dt.timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not calendar.is_working_day(day):
            day += step
    return day


def _office_hours(rng: random.Random, day: dt.date) -> dt.datetime:
    hour = rng.choices((8, 9, 10, 11, 12, 13, 14, 15), weights=(1, 3, 3, 3, 2, 3, 3, 2))[0]
    return dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))


def _submission_time(seed: int, draft: _Draft, late: bool, calendar: WorkingCalendar) -> dt.datetime:
    """Belgrade wall-clock time the report is sent: 1-4 working days before the due date, or 1-6 after."""
    rng = _rng(seed, draft.profile.code, draft.period, "sent")
    shift = rng.randint(1, 6) if late else -rng.choices((1, 2, 3, 4), weights=(4, 3, 2, 1))[0]
    return _office_hours(rng, _working_days_from(calendar, draft.due, shift))


# --- randomness -----------------------------------------------------------------


def _rng(seed: int, *parts: object) -> random.Random:
    """A stream of its own for each thing drawn, so one draw never shifts another."""
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def _index(period: Period) -> int:
    return period.year * 12 + (period.month or 1) - 1


def _period(index: int) -> Period:
    return Period(year=index // 12, month=index % 12 + 1)


def _count_between(rng: random.Random, low: int, high: int) -> int:
    """A number whose Serbian noun takes the genitive plural (5-20, 25, 36, 111...), so "38 službenika"
    reads right without declining the phrase."""
    candidates = [n for n in range(low, high + 1) if n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 14]
    return rng.choice(candidates)


def _weighted_sample(rng: random.Random, items: list[tuple[str, str]], weights: list[float], k: int) -> list[Any]:
    """k items without replacement, each drawn with probability proportional to its weight."""
    keyed = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keyed[:k]]


# --- the institutions ---------------------------------------------------------------

SURNAMES = (
    "Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Stanković", "Pavlović",
    "Milošević", "Popović", "Kostić", "Todorović", "Lazić", "Simić", "Kovačević", "Ristić", "Savić",
)  # fmt: skip
MAILBOXES = ("kabinet", "sekretarijat", "trgovina.ljudima", "izvestavanje", "pisarnica", "koordinacija")


@dataclass(frozen=True)
class _Profile:
    code: str
    lang: Lang
    preparers: tuple[str, str]  # the officer who usually reports, and the colleague who stands in
    contact: str  # an office mailbox or office phone, never a person's
    tardiness: int  # weight: how likely this institution is to report late or not at all


def _profiles(codes: list[str], seed: int) -> dict[str, _Profile]:
    """Languages: one or two institutions report in English, three or four in Cyrillic, the rest in Latin."""
    rng = _rng(seed, "languages")
    order = list(codes)
    rng.shuffle(order)
    english, cyrillic = rng.choice((1, 2)), rng.choice((3, 4))
    langs: dict[str, Lang] = {}
    for i, code in enumerate(order):
        langs[code] = "en" if i < english else "sr-Cyrl" if i < english + cyrillic else "sr-Latn"
    profiles = {}
    for code in codes:
        staff = _rng(seed, code, "staff")
        names = staff.sample([f"{f} {s}" for f in OFFICERS_FIRST_NAMES for s in SURNAMES], 2)
        if staff.random() < 0.8:
            contact = f"{staff.choice(MAILBOXES)}@{code.lower()}.gov.rs"
        else:
            contact = f"011/{staff.randint(300, 399)}-{staff.randint(1000, 9999)}"
        profiles[code] = _Profile(
            code=code,
            lang=langs[code],
            preparers=(names[0], names[1]),
            contact=contact,
            tardiness=staff.choice((1, 1, 1, 1, 2, 2, 4)),
        )
    return profiles


# --- words --------------------------------------------------------------------------

GROUPS: dict[str, tuple[Pair, ...]] = {
    "MUP": (("policijskih službenika", "police officers"), ("pripadnika granične policije", "border police officers")),
    "MPRAVDE": (
        ("sudija i javnih tužilaca", "judges and public prosecutors"),
        ("zaposlenih u zavodima za izvršenje krivičnih sankcija", "prison staff"),
    ),
    "RJT": (("javnih tužilaca i zamenika javnih tužilaca", "public prosecutors and deputy prosecutors"),),
    "PA": (("sudija i tužilaca", "judges and prosecutors"), ("sudijskih pomoćnika", "judicial assistants")),
    "MRZBSP": (("stručnih radnika centara za socijalni rad", "social workers"),
               ("inspektora rada", "labour inspectors")),
    "MZ": (("zdravstvenih radnika", "health workers"), ("patronažnih sestara", "community nurses")),
    "MPNTR": (("nastavnika i stručnih saradnika", "teachers and school counsellors"),),
    "MSP": (("službenika konzularnih predstavništava", "consular staff"),),
    "MFIN": (("carinskih službenika", "customs officers"),),
    "MKI": (("novinara i urednika", "journalists and editors"),),
    "KLJMP": (("predstavnika nacionalnih saveta nacionalnih manjina",
               "representatives of national minority councils"),),
    "KCD": (("predstavnika organizacija civilnog društva", "civil society representatives"),),
    "JLS": (("službenika lokalnih samouprava", "local government officials"),
            ("članova lokalnih timova", "local team members")),
}  # fmt: skip
DEFAULT_GROUPS: tuple[Pair, ...] = (
    ("službenika državnih organa", "civil servants"),
    ("predstavnika institucija", "representatives of institutions"),
)
CITIES: tuple[Pair, ...] = (
    ("Beogradu", "Belgrade"), ("Nišu", "Niš"), ("Kragujevcu", "Kragujevac"), ("Novom Sadu", "Novi Sad"),
    ("Subotici", "Subotica"), ("Šapcu", "Šabac"), ("Vranju", "Vranje"), ("Preševu", "Preševo"),
    ("Novom Pazaru", "Novi Pazar"), ("Zrenjaninu", "Zrenjanin"), ("Čačku", "Čačak"), ("Kraljevu", "Kraljevo"),
    ("Leskovcu", "Leskovac"), ("Pirotu", "Pirot"), ("Somboru", "Sombor"), ("Užicu", "Užice"), ("Valjevu", "Valjevo"),
)  # fmt: skip
ABROAD: tuple[Pair, ...] = (
    ("Sarajevu", "Sarajevo"), ("Skoplju", "Skopje"), ("Podgorici", "Podgorica"), ("Zagrebu", "Zagreb"),
    ("Beču", "Vienna"), ("Budimpešti", "Budapest"), ("Strazburu", "Strasbourg"), ("Ljubljani", "Ljubljana"),
)  # fmt: skip
# Serbian months in the three cases the texts need: "za april" (accusative), "kraj aprila" (genitive),
# "u aprilu" (locative); and in English.
MONTHS: tuple[tuple[str, str, str, str], ...] = (
    ("januar", "januara", "januaru", "January"), ("februar", "februara", "februaru", "February"),
    ("mart", "marta", "martu", "March"), ("april", "aprila", "aprilu", "April"), ("maj", "maja", "maju", "May"),
    ("jun", "juna", "junu", "June"), ("jul", "jula", "julu", "July"), ("avgust", "avgusta", "avgustu", "August"),
    ("septembar", "septembra", "septembru", "September"), ("oktobar", "oktobra", "oktobru", "October"),
    ("novembar", "novembra", "novembru", "November"), ("decembar", "decembra", "decembru", "December"),
)  # fmt: skip
FEW = {2: ("dve", "two"), 3: ("tri", "three"), 4: ("četiri", "four")}

# In progress. {placeholders} are filled from _slots(), the same choice in both languages. The third item
# names the institutions whose work it describes ("" for any).
PROGRESS: tuple[tuple[str, str, str], ...] = (
    ("Održane {few} obuke za {k} {group} u {city} i {city2}.",
     "{Few} trainings held for {k} {group} in {city} and {city2}.", ""),
    ("Održan sastanak radne grupe {date}; dogovoreni naredni koraci i podela zaduženja.",
     "Working group meeting held on {date}; next steps and responsibilities agreed.", ""),
    ("Pripremljen nacrt sporazuma o saradnji; u toku usaglašavanje sa partnerima.",
     "Draft cooperation agreement prepared; it is being agreed with the partners.", ""),
    ("Distribuirano {copies} primeraka informativnog materijala u {k} škola i domova zdravlja.",
     "{copies} copies of information material distributed to {k} schools and health centres.",
     "MUP MPNTR MZ MRZBSP JLS KCD"),
    ("Sprovedeno {k} zajedničkih kontrola sa inspekcijom rada; podaci dostavljeni Centru za zaštitu žrtava.",
     "{k} joint inspections carried out with the labour inspectorate; data sent to the Centre for the "
     "Protection of Victims.", "MUP MRZBSP"),
    ("Izrađen predlog izmena pravilnika; dostavljen na mišljenje nadležnim organima.",
     "Proposed amendments to the rulebook drafted and sent to the competent bodies for opinion.", ""),
    ("Prikupljeni i obrađeni podaci za prethodni period; zbirni pregled dostavljen Kancelariji nacionalnog "
     "koordinatora.",
     "Data for the previous period collected and processed; a summary sent to the National Coordinator's Office.",
     ""),
    ("Predstavnici institucije učestvovali na regionalnoj konferenciji u {abroad}.",
     "Representatives of the institution took part in a regional conference in {abroad}.", ""),
    ("Realizovane {few} radionice za učenike srednjih škola u {city}; obuhvaćeno {big} učenika.",
     "{Few} workshops held for secondary school pupils in {city}; {big} pupils took part.",
     "MUP MPNTR MRZBSP JLS KCD"),
    ("Upućen zahtev za TAIEX ekspertsku misiju; očekuje se odgovor Evropske komisije.",
     "Request for a TAIEX expert mission sent; the European Commission's reply is awaited.", ""),
    ("Pripremljena analiza postojećih mehanizama saradnje; u toku je usaglašavanje zaključaka.",
     "Analysis of the existing cooperation mechanisms prepared; its conclusions are being agreed.", ""),
    ("Obavljene {few} posete prihvatnim centrima za migrante u {city}; nisu uočeni slučajevi trgovine ljudima.",
     "{Few} visits to reception centres for migrants in {city}; no cases of trafficking were observed.",
     "MUP MRZBSP MZ KLJMP"),
    ("Nastavljena primena standardnih operativnih procedura; u periodu nije bilo posebnih aktivnosti.",
     "Standard operating procedures continued to be applied; no particular activities in the period.", ""),
    ("Održan okrugli sto „Zajedno protiv trgovine ljudima“ u {city}, uz učešće {k} predstavnika institucija i "
     "udruženja.",
     "Round table 'Together against human trafficking' held in {city} with {k} representatives of institutions "
     "and associations.", ""),
    ("Formirana radna grupa za izradu modela saradnje; prvi sastanak održan {date}.",
     "Working group on the cooperation model set up; first meeting held on {date}.", ""),
    ("Nastavljena razmena informacija sa partnerima iz regiona preko kontakt tačaka; razmenjeno {k} informacija.",
     "Information exchange with regional partners through contact points continued; {k} items exchanged.",
     "MUP RJT MSP MPRAVDE NK"),
    ("Emitovana kampanja na lokalnim televizijama i društvenim mrežama u {city} i {city2}.",
     "Campaign broadcast on local television and social media in {city} and {city2}.", "MUP MKI JLS KCD NK"),
    ("U saradnji sa IOM i OSCE pripremljen program obuke; realizacija planirana u {next_month}",
     "Training programme prepared with IOM and OSCE; delivery planned for {next_month}.", ""),
)  # fmt: skip
COMPLETED_NOW: tuple[Pair, ...] = (
    ("Zadatak realizovan: dokument usvojen i objavljen na internet stranici institucije.",
     "Task completed: the document was adopted and published on the institution's website."),
    ("Završena poslednja obuka iz ciklusa; ukupno obučeno {big} {group}.",
     "Last training of the cycle completed; {big} {group} trained in total."),
    ("Potpisan sporazum o saradnji sa partnerima; zadatak realizovan.",
     "Cooperation agreement signed with the partners; task completed."),
    ("Analiza završena i predstavljena Radnoj grupi {date}.",
     "Analysis finished and presented to the Working Group on {date}."),
)  # fmt: skip
COMPLETED_BEFORE: tuple[Pair, ...] = (
    ("Zadatak je realizovan u {done_month}; u periodu nije bilo novih aktivnosti.",
     "Task completed in {done_month}; no new activities in the period."),
    ("Realizovano; rezultati se primenjuju u redovnom radu.", "Completed; the results are applied in regular work."),
)  # fmt: skip
NOT_STARTED: tuple[Pair, ...] = (
    ("Aktivnosti na ovom zadatku planirane su za {next_month_acc}",
     "Work on this task is planned for {next_month_acc}."),
    ("U toku su pripremne radnje (određivanje kontakt osoba).",
     "Preparations under way (contact persons being named)."),
)  # fmt: skip
DELAYED: tuple[Pair, ...] = (
    ("Realizacija usporena; održan samo jedan sastanak sa partnerima.",
     "Progress slowed; only one meeting with the partners was held."),
    ("Nacrt dokumenta nije završen u planiranom roku.", "The draft was not finished on time."),
    ("Obuka planirana za ovaj period je odložena.", "The training planned for this period was postponed."),
    ("Čeka se mišljenje drugih organa na nacrt; rok nije ispoštovan.",
     "Other bodies' opinions on the draft are awaited; the deadline was missed."),
)  # fmt: skip
PROBLEMS: tuple[Pair, ...] = (
    ("Nisu obezbeđena sredstva u budžetu za tekuću godinu.", "No funds were secured in this year's budget."),
    ("Kašnjenje u usaglašavanju teksta sa drugim organima.", "Delays in agreeing the text with other bodies."),
    ("Čeka se odobrenje TAIEX ekspertske misije.", "The TAIEX expert mission has not been approved yet."),
    ("Preopterećenost zaposlenih zbog povećanog priliva migranata.", "Staff overloaded by increased migrant arrivals."),
    ("Promena kontakt osoba u partnerskim institucijama.", "Contact persons changed in the partner institutions."),
    ("Nedovoljan broj prijavljenih učesnika za obuku.", "Too few participants registered for the training."),
)  # fmt: skip
MEASURES: tuple[Pair, ...] = (
    ("Zatražena dodatna sredstva kroz rebalans budžeta.", "Additional funds requested in the budget revision."),
    ("Organizovan koordinacioni sastanak sa partnerima; novi rok je kraj {next_month_gen}",
     "Coordination meeting with the partners organised; the new deadline is the end of {next_month_gen}."),
    ("Angažovan dodatni izvršilac iz drugog sektora.", "An officer from another department was assigned to help."),
    ("Obuka pomerena za {next_month_acc}; učesnici obavešteni.",
     "Training moved to {next_month_acc}; participants informed."),
    ("Upućena urgencija nadležnim organima za dostavljanje mišljenja.",
     "A reminder was sent to the competent bodies to give their opinions."),
)  # fmt: skip
RISKS: tuple[Pair, ...] = (
    ("Nedovoljna sredstva", "Insufficient funds"),
    ("Preopterećenost zaposlenih", "Staff overload"),
    ("Fluktuacija kadrova", "Staff turnover"),
    ("Nedovoljna saradnja partnera", "Insufficient cooperation of partners"),
    ("Kašnjenje donatorskih sredstava", "Donor funds delayed"),
    ("Slabo interesovanje ciljne grupe", "Low interest of the target group"),
)
ANNUAL_ASSESSMENT = {
    "completed": "completed",
    "in-progress": "partially-completed",
    "delayed": "partially-completed",
    "not-started": "not-completed",
}
ANNUAL_PROGRESS: dict[str, tuple[Pair, ...]] = {
    "completed": (
        ("Realizovano u skladu sa planom; dodatne mere nisu potrebne.",
         "Carried out as planned; no additional measures are needed."),
        ("Svi planirani rezultati ostvareni; rezultati se primenjuju u redovnom radu.",
         "All planned results achieved; they are applied in regular work."),
    ),
    "partially-completed": (
        ("Realizovan deo planiranih aktivnosti; potrebne su dodatne mere da bi se postigao planirani efekat.",
         "Part of the planned work done; additional measures are needed to reach the planned effect."),
        ("Aktivnosti su u toku; obuhvat je manji od planiranog zbog nedostatka sredstava.",
         "Work is under way; its reach is smaller than planned for lack of funds."),
    ),
    "not-completed": (
        ("Aktivnost nije započeta; potrebne su dodatne mere i sredstva.",
         "The activity has not started; additional measures and funds are needed."),
    ),
}  # fmt: skip
NARRATIVE: dict[str, Pair] = {
    "results": ("U {year}. godini održane su obuke i sastanci predviđeni planom, a saradnja sa partnerima je "
                "unapređena.",
                "In {year} the trainings and meetings the plan foresaw were held, and cooperation with the partners "
                "improved."),
    "problems": ("Nedovoljna sredstva u budžetu i promene kontakt osoba usporile su deo aktivnosti.",
                 "Insufficient budget funds and changes of contact persons slowed part of the work."),
    "challenges": ("Za narednu godinu preporučuje se ranije planiranje sredstava i redovni sastanci radne grupe.",
                   "For the next year, earlier planning of funds and regular working group meetings are recommended."),
}  # fmt: skip
# A Working Group member without tasks: what its short monthly report says (seed 10.2).
MEMBER_ACTIVITIES: tuple[Pair, ...] = (
    ("Predstavnik institucije učestvovao je na sastanku Radne grupe.", "The institution's representative took part "
     "in the Working Group meeting."),
    ("Zaposleni su informisani o indikatorima za identifikaciju žrtava trgovine ljudima.",
     "Staff were informed about the indicators for identifying victims of trafficking."),
    ("Razmenjeni su podaci sa Centrom za zaštitu žrtava o slučajevima u nadležnosti institucije.",
     "Information on cases within the institution's remit was exchanged with the Victims Protection Centre."),
)  # fmt: skip
MEMBER_PROPOSALS: tuple[Pair, ...] = (
    ("Predlažemo da se naša institucija uključi kao partner u aktivnosti prevencije.",
     "We propose that our institution join the prevention activities as a partner."),
    ("Predlažemo zajedničku obuku sa policijom i centrima za socijalni rad.",
     "We propose a joint training with the police and the social work centres."),
)  # fmt: skip
# A civil society representative's observations on an activity (seed 10.1: on an equal footing).
OBSERVATIONS: tuple[Pair, ...] = (
    ("Aktivnost se sprovodi, ali bez učešća organizacija civilnog društva sa terena.",
     "The activity goes on, but without the civil society organisations working in the field."),
    ("Obuke su kratke i ne obuhvataju rad sa decom žrtvama.",
     "The trainings are short and do not cover work with child victims."),
    ("Nema javno dostupnih podataka o napretku aktivnosti.", "No public data on the activity's progress."),
)  # fmt: skip
OBSERVER_PROPOSALS: tuple[Pair, ...] = (
    ("Uključiti specijalizovane organizacije u planiranje i sprovođenje.",
     "Involve the specialised organisations in planning and carrying it out."),
    ("Objavljivati tromesečne podatke o sprovođenju.", "Publish quarterly figures on the implementation."),
)  # fmt: skip
INDICATOR_STATES: tuple[tuple[Pair, ...], ...] = (
    (("U pripremi.", "In preparation."), ("Formirana radna grupa; izrada u toku.", "Working group set up; drafting.")),
    (("Nacrt izrađen; u toku konsultacije.", "Draft prepared; consultations under way."),
     ("Delimično ostvareno.", "Partly achieved.")),
    (("Usvojeno i objavljeno.", "Adopted and published."), ("Primenjuje se u praksi.", "Applied in practice."),
     ("Nema promena u odnosu na prethodni period.", "No change since the previous period.")),
)  # fmt: skip
INDICATOR_NOTES: tuple[Pair, ...] = (
    ("Preliminarni podaci.", "Preliminary data."),
    ("Podaci iz evidencije za izveštajni period.", "Data from the records for the reporting period."),
    ("Uključeni podaci regionalnih centara.", "Includes the regional centres' data."),
)
SPENDING_NOTES: tuple[Pair, ...] = (
    ("Troškovi obuke (smeštaj, putni troškovi, materijal).", "Training costs (accommodation, travel, materials)."),
    ("Štampanje informativnog materijala.", "Printing of information material."),
    ("Troškovi organizacije sastanka.", "Costs of organising the meeting."),
    ("Troškovi učešća na konferenciji.", "Costs of taking part in the conference."),
)
TAIEX_NOTE: Pair = (
    "Vrednost ekspertske misije prema obaveštenju TAIEX-a.",
    "Value of the expert mission as notified by TAIEX.",
)
DONOR_NOTE: Pair = (
    "Sredstva obezbeđuje donator; iznos utroška nije poznat instituciji.",
    "Funded by the donor; the amount spent is not known to the institution.",
)
OVER_PLAN_NOTE: Pair = (
    "Prekoračenje plana: obuci je prisustvovalo više učesnika nego što je planirano; razlika je pokrivena "
    "preraspodelom sredstava u okviru razdela.",
    "Over plan: more participants attended the training than planned; the difference was covered by reallocating "
    "funds within the budget chapter.",
)
JMBG_SLIP: Pair = (
    "Pomoć pružena licu JMBG {jmbg}, upućenom od strane centra za socijalni rad.",
    "Assistance given to the person with JMBG {jmbg}, referred by the social welfare centre.",
)
_KEEP_LATIN = re.compile(r"(TAIEX|IOM|OSCE)")


def _say(pair: Pair, lang: Lang) -> str:
    """The text in the template's language; Cyrillic keeps foreign acronyms in Latin, as people write them."""
    if lang == "en":
        return pair[1]
    if lang == "sr-Latn":
        return pair[0]
    return "".join(p if _KEEP_LATIN.fullmatch(p) else latin_to_cyrillic(p) for p in _KEEP_LATIN.split(pair[0]))


def _fill(template: Pair, slots: dict[str, Pair]) -> Pair:
    sr = {k: v[0] for k, v in slots.items()}
    en = {k: v[1] for k, v in slots.items()}
    return template[0].format(**sr), template[1].format(**en)


# --- the story over the months ------------------------------------------------------


@dataclass(frozen=True)
class _Trajectory:
    """How one institution's work on one task goes, month by month (month indexes)."""

    start: int
    done: int | None
    delayed: frozenset[int]

    def status(self, month: int) -> str:
        if month < self.start:
            return "not-started"
        if self.done is not None and month >= self.done:
            return "completed"
        return "delayed" if month in self.delayed else "in-progress"


class _Deck:
    """Phrases drawn without repetition until all have been used, then reshuffled."""

    def __init__(self, rng: random.Random, items: list[Pair]) -> None:
        self.rng = rng
        self.items = items
        self.left: list[Pair] = []

    def draw(self) -> Pair:
        if not self.left:
            self.left = self.rng.sample(self.items, len(self.items))
        return self.left.pop()


@dataclass(frozen=True)
class _Draft:
    profile: _Profile
    period: Period
    due: dt.date
    layout: WorkbookLayout
    edits: Edits


class _Story:
    """Everything institutions type in, month by month, derived from the seed and the plan."""

    def __init__(self, plan: Plan, seed: int, calendar: WorkingCalendar) -> None:
        self.plan = plan
        self.seed = seed
        self.calendar = calendar
        adopted = plan.adopted or plan.start
        self.adopted = adopted.year * 12 + adopted.month - 1
        self.indicators = {i.id: i for i in plan.indicators()}
        self._trajectories: dict[tuple[str, str], _Trajectory] = {}
        self._spending: dict[tuple[str, str, int], list[Decimal]] = {}
        self.over_plan: tuple[str, str, int, int] | None = None  # (institution, line, year, month of the extra)

    def fill(self, profile: _Profile, period: Period, layout: WorkbookLayout) -> Edits:
        rng = _rng(self.seed, profile.code, period, "report")
        month = _index(period)
        lang = profile.lang
        preparer = profile.preparers[1] if rng.random() < 0.15 else profile.preparers[0]
        edits: Edits = {
            ("cover", "preparer", "value"): latin_to_cyrillic(preparer) if lang == "sr-Cyrl" else preparer,
            ("cover", "contact", "value"): profile.contact,
            ("cover", "state", "value"): text_of("state.submitted", lang),
        }
        if layout.has("member") or layout.has("observations"):
            return edits | self._short(rng, profile, layout)
        problem_rows = iter(row.key for row in layout.sheet("problems").rows)
        fitting = [(sr, en) for sr, en, who in PROGRESS if not who or profile.code in who.split()]
        deck = _Deck(rng, fitting)  # one report does not say the same thing twice while it has other things to say
        roles = {task.id: role for task, role in institution_tasks(self.plan, profile.code)}
        for row in layout.sheet("tasks").rows:
            self._task(edits, rng, deck, profile, period, row.key, roles[row.key], problem_rows)
        for row in layout.sheet("budget").rows:
            self._budget_line(edits, rng, profile, period, row.key, row.values)
        indicators = layout.sheet("indicators")
        for row in indicators.rows:
            self._indicator(edits, profile, period, month, row.key, indicators.input_keys(row))
        return edits

    def _short(self, rng: random.Random, profile: _Profile, layout: WorkbookLayout) -> Edits:
        """A Working Group member's short report, or a civil society representative's observations on two or
        three activities."""
        lang = profile.lang
        edits: Edits = {}
        if layout.has("member"):
            edits[("member", "activities", "text")] = _say(rng.choice(MEMBER_ACTIVITIES), lang)
            if rng.random() < 0.4:
                edits[("member", "problems", "text")] = _say(rng.choice(PROBLEMS), lang)
                edits[("member", "proposals", "text")] = _say(rng.choice(MEMBER_PROPOSALS), lang)
            return edits
        for row in rng.sample(layout.sheet("observations").rows, rng.randint(2, 3)):
            edits[("observations", row.key, "observation")] = _say(rng.choice(OBSERVATIONS), lang)
            if rng.random() < 0.6:
                edits[("observations", row.key, "proposal")] = _say(rng.choice(OBSERVER_PROPOSALS), lang)
        return edits

    def fill_annual(self, profile: _Profile, year: int, layout: WorkbookLayout) -> Edits:
        """The annual report: each task's status at the year's end and its self-assessment (seed 10.3), each led
        activity assessed from its tasks, the year's spending per line, and the narrative."""
        rng = _rng(self.seed, profile.code, year, "annual")
        lang, december = profile.lang, year * 12 + 11
        edits: Edits = {
            ("cover", "preparer", "value"): profile.preparers[0]
            if lang != "sr-Cyrl"
            else latin_to_cyrillic(profile.preparers[0]),
            ("cover", "contact", "value"): profile.contact,
            ("cover", "state", "value"): text_of("state.submitted", lang),
        }
        roles = {task.id: role for task, role in institution_tasks(self.plan, profile.code)}
        assessed: dict[str, str] = {}
        for row in layout.sheet("tasks").rows:
            status = self.trajectory(profile.code, row.key).status(december)
            assessment = ANNUAL_ASSESSMENT[status]
            edits[("tasks", row.key, "status")] = text_of(f"status.{status}", lang)
            edits[("tasks", row.key, "progress")] = _say(rng.choice(ANNUAL_PROGRESS[assessment]), lang)
            if status == "delayed" or assessment == "not-completed":
                edits[("tasks", row.key, "problems")] = _say(rng.choice(PROBLEMS), lang)
            if roles[row.key] == "lead":
                edits[("tasks", row.key, "assessment")] = text_of(f"assessment.{assessment}", lang)
                assessed[row.key] = assessment
        for row in layout.sheet("activities").rows:
            activity = next(a for a in self.plan.activities() if a.id == row.key)
            mine = [assessed[t.id] for t in activity.tasks if t.id in assessed]
            assessment = mine[0] if len(set(mine)) == 1 else "partially-completed"
            edits[("activities", row.key, "assessment")] = text_of(f"assessment.{assessment}", lang)
            edits[("activities", row.key, "assessment_note")] = _say(rng.choice(ANNUAL_PROGRESS[assessment]), lang)
        for row in layout.sheet("budget").rows:
            planned: Decimal | None = row.values.get("planned")
            if planned is not None:
                whole_period = not isinstance(row.values.get("year"), int)
                currency = row.values.get("currency") or "RSD"
                months = self.spending(profile.code, row.key, year, planned, currency, whole_period)
                edits[("budget", row.key, "spent_year")] = _number(sum(months, Decimal(0)))
        for part, pair in NARRATIVE.items():
            edits[("narrative", part, "text")] = _say(_fill(pair, {"year": (str(year), str(year))}), lang)
        return edits

    def choose_over_plan(self, codes: list[str], periods: list[Period]) -> None:
        """Pick the one state-budget line that goes over plan, and the month of the payment that does it:
        in the year the range covers most, early enough that several reports show the overrun."""
        rng = _rng(self.seed, "over-plan", periods[0], periods[-1])
        months_of: dict[int, list[int]] = {}
        for p in periods:
            if _index(p) >= self.adopted:
                months_of.setdefault(p.year, []).append((p.month or 1) - 1)
        if not months_of:
            return
        year = max(months_of, key=lambda y: (len(months_of[y]), y))
        options = [
            (code, line_id)
            for code in codes
            for line_id, _, _, line in institution_budget_lines(self.plan, code, year)
            if line.source == "state-budget" and line.amount
        ]
        if options:
            code, line_id = rng.choice(options)
            months = months_of[year]
            self.over_plan = (code, line_id, year, rng.choice(months[: max(1, len(months) * 2 // 3)]))

    # tasks

    def trajectory(self, code: str, task_id: str) -> _Trajectory:
        key = (code, task_id)
        if key not in self._trajectories:
            self._trajectories[key] = self._draw_trajectory(code, task_id)
        return self._trajectories[key]

    def _draw_trajectory(self, code: str, task_id: str) -> _Trajectory:
        rng = _rng(self.seed, code, task_id, "trajectory")
        deadline = self.plan.activity_of(task_id).deadline
        end = deadline.end.year * 12 + deadline.end.month - 1
        delayed: set[int] = set()
        done: int | None
        if deadline.kind == "due" and end < self.adopted:
            # Due before the plan was adopted: late from the start, finished in the first months.
            start = end - rng.randint(2, 5)
            done = self.adopted + rng.choice((0, 1, 1, 2, 3, 4))
        elif deadline.kind == "due":
            start = self.adopted + rng.choice((0, 0, 1, 1, 2, 3, 5))
            done = max(end + rng.choice((-4, -3, -2, -1, -1, 0, 0, 0, 1, 2)), start + 2)
        else:
            start = self.adopted + rng.choices(range(8), weights=(30, 20, 15, 10, 8, 7, 5, 5))[0]
            done = rng.randint(self.adopted + 7, end - 1) if rng.random() < 0.1 else None
        if done is not None:
            delayed.update(range(end + 1, done))  # overdue until finished
        if rng.random() < 0.25:
            first, last = start + 1, (done if done is not None else end) - 2
            if first <= last:
                begin = rng.randint(first, last)
                delayed.update(range(begin, begin + rng.randint(1, 3)))
        if deadline.kind == "due" and end >= self.adopted and rng.random() < 0.3:
            # Work due by a date that is still not done when the plan ends: overdue on the master's Status sheet.
            done = None
            delayed.update(range(end + 1, end + 24))
        return _Trajectory(start=start, done=done, delayed=frozenset(delayed))

    def _slots(self, rng: random.Random, profile: _Profile, period: Period) -> dict[str, Pair]:
        few = rng.randint(2, 4)
        city, city2 = rng.sample(CITIES, 2)
        copies = rng.choice((500, 800, 1000, 1200, 1500, 2000, 3000))
        k, big = str(_count_between(rng, 6, 48)), str(_count_between(rng, 25, 140))
        day = period.first_day + dt.timedelta(days=rng.randrange(period.last_day.day))
        day, _ = self.calendar.roll_forward(day)
        following = _period(_index(period) + 1)
        date = day.strftime("%d.%m.%Y")
        return {
            "few": FEW[few],
            "Few": (FEW[few][0].capitalize(), FEW[few][1].capitalize()),
            "k": (k, k),
            "big": (big, big),
            "group": rng.choice(GROUPS.get(profile.code, DEFAULT_GROUPS)),
            "city": city,
            "city2": city2,
            "abroad": rng.choice(ABROAD),
            "copies": (f"{copies:,}".replace(",", "."), f"{copies:,}"),
            "date": (date, date),
            "next_month": _month_phrase(following, 2),
            "next_month_acc": _month_phrase(following, 0),
            "next_month_gen": _month_phrase(following, 1),
        }

    def _task(
        self,
        edits: Edits,
        rng: random.Random,
        deck: _Deck,
        profile: _Profile,
        period: Period,
        task_id: str,
        role: str,
        problem_rows: Iterable[str],
    ) -> None:
        lang = profile.lang
        trajectory = self.trajectory(profile.code, task_id)
        month = _index(period)
        status = trajectory.status(month)
        if role == "partner" and status in ("not-started", "in-progress") and rng.random() < 0.2:
            return  # partners are not required to report a status, and some leave the row empty
        slots = self._slots(rng, profile, period)
        progress: Pair | None = None
        if status == "not-started":
            progress = _fill(rng.choice(NOT_STARTED), slots) if rng.random() < 0.3 else None
        elif status == "in-progress":
            progress = _fill(deck.draw(), slots)
        elif status == "delayed":
            progress = _fill(rng.choice(DELAYED), slots)
        elif trajectory.done == month:
            progress = _fill(rng.choice(COMPLETED_NOW), slots)
        else:
            done = _period(trajectory.done if trajectory.done is not None else month)
            progress = _fill(rng.choice(COMPLETED_BEFORE), slots | {"done_month": _month_phrase(done, 2)})
        edits[("tasks", task_id, "status")] = text_of(f"status.{status}", lang)
        if progress:
            edits[("tasks", task_id, "progress")] = _say(progress, lang)
        if status == "delayed":
            problem, measure = rng.choice(PROBLEMS), _fill(rng.choice(MEASURES), slots)
            edits[("tasks", task_id, "problems")] = _say(problem, lang)
            edits[("tasks", task_id, "measures")] = _say(measure, lang)
            if rng.random() < 0.5:
                edits[("tasks", task_id, "risks")] = _say(rng.choice(RISKS), lang)
            if role == "lead" and rng.random() < 0.3:
                row = next(iter(problem_rows), None)
                if row is not None:
                    edits[("problems", row, "task")] = task_id
                    edits[("problems", row, "description")] = _say(problem, lang)
                    edits[("problems", row, "measures")] = _say(measure, lang)
        elif status == "in-progress" and rng.random() < 0.05:
            edits[("tasks", task_id, "risks")] = _say(rng.choice(RISKS), lang)

    # budget

    def spending(
        self, code: str, line_id: str, year: int, planned: Decimal, currency: str, whole_period: bool = False
    ) -> list[Decimal]:
        """Amount spent on the line in each month (Jan..Dec) of `year`: a few payments, mostly under plan. A line of
        the whole plan period (`whole_period`, no year) is planned once for all its years: each year spends from
        its part of the plan, so that the years together stay within it as a year's line does."""
        key = (code, line_id, year)
        if key in self._spending:
            return self._spending[key]
        if whole_period:
            planned = planned * self._part_of_period(year)
        rng = _rng(self.seed, code, line_id, year, "spending")
        unit = Decimal(100) if currency == "RSD" else Decimal(10)
        active = list(range(min(12, max(0, self.adopted - year * 12)), 12))  # from the plan's adoption
        events = sorted(rng.sample(active, min(len(active), rng.randint(2, 5))))
        share = Decimal(str(round(rng.uniform(0.55, 0.95), 3)))
        weights = [rng.randint(1, 3) for _ in events]
        months = [Decimal(0)] * 12
        for month, weight in zip(events, weights, strict=True):
            amount = planned * share * weight / sum(weights)
            months[month] += (amount / unit).to_integral_value(ROUND_DOWN) * unit
        if self.over_plan is not None and self.over_plan[:3] == key:
            # One line goes over plan: in its month a larger payment takes the year 6-15 % past the planned
            # amount, and nothing more is paid from it that year.
            month = self.over_plan[3]
            over = planned * Decimal(str(round(rng.uniform(1.06, 1.15), 3))) - sum(months[:month])
            months[month:] = [(over / unit).to_integral_value(ROUND_UP) * unit] + [Decimal(0)] * (11 - month)
        self._spending[key] = months
        return months

    def _part_of_period(self, year: int) -> Decimal:
        """The share of the plan period's working months (from the plan's adoption) that fall in `year`."""
        last = self.plan.end.year * 12 + self.plan.end.month - 1
        months = range(self.adopted, last + 1)
        return Decimal(sum(1 for m in months if m // 12 == year)) / Decimal(max(1, len(months)))

    def _budget_line(
        self, edits: Edits, rng: random.Random, profile: _Profile, period: Period, line_id: str, values: dict[str, Any]
    ) -> None:
        lang = profile.lang
        planned: Decimal | None = values.get("planned")
        month = (period.month or 1) - 1
        if planned is None:  # a donor's line without an amount: the institution does not know the spending
            if rng.random() < 0.3:
                edits[("budget", line_id, "note")] = _say(DONOR_NOTE, lang)
            return
        whole_period = not isinstance(values.get("year"), int)
        months = self.spending(
            profile.code, line_id, period.year, planned, values.get("currency") or "RSD", whole_period
        )
        this, to_date = months[month], sum(months[: month + 1], Decimal(0))
        if this or rng.random() < 0.8:
            edits[("budget", line_id, "spent_period")] = _number(this)
        edits[("budget", line_id, "spent_year")] = _number(to_date)
        if to_date > planned:
            edits[("budget", line_id, "note")] = _say(OVER_PLAN_NOTE, lang)
        elif this and values.get("source") == text_of("source.taiex", lang):
            edits[("budget", line_id, "note")] = _say(TAIEX_NOTE, lang)
        elif this and rng.random() < 0.35:
            edits[("budget", line_id, "note")] = _say(rng.choice(SPENDING_NOTES), lang)

    # indicators

    def _indicator(
        self, edits: Edits, profile: _Profile, period: Period, month: int, indicator_id: str, inputs: tuple[str, ...]
    ) -> None:
        rng = _rng(self.seed, profile.code, indicator_id, period, "indicator")
        lang = profile.lang
        indicator = self.indicators[indicator_id]
        if "total" not in inputs:
            if rng.random() < 0.2:
                stage = min(2, max(0, (month - self.adopted) // 5 + rng.choice((-1, 0, 0, 1))))
                edits[("indicators", indicator_id, "value")] = _say(rng.choice(INDICATOR_STATES[stage]), lang)
            return
        low, high, active = _indicator_scale(indicator)
        groups = [g for g in inputs if g in ("women", "men", "girls", "boys")]
        if rng.random() >= active:
            if rng.random() < 0.7:  # nothing happened: most type zeros, some leave the row empty
                for group in groups:
                    edits[("indicators", indicator_id, group)] = 0
                edits[("indicators", indicator_id, "total")] = 0
            return
        if groups:
            weights = _audience(indicator, groups)
            size = rng.randint(low, high)
            counts = {g: round(size * w * rng.uniform(0.6, 1.4)) for g, w in weights.items()}
            for group, count in counts.items():
                edits[("indicators", indicator_id, group)] = count
            edits[("indicators", indicator_id, "total")] = sum(counts.values())
        else:
            edits[("indicators", indicator_id, "total")] = rng.randint(max(low, 1), high)
        if rng.random() < 0.1:
            edits[("indicators", indicator_id, "note")] = _say(rng.choice(INDICATOR_NOTES), lang)


def _month_phrase(period: Period, case: int) -> Pair:
    """("aprilu 2018.", "April 2018"): the Serbian month in `case` (0 accusative, 1 genitive, 2 locative); the year
    is an ordinal number in Serbian and ends with its full stop, so a sentence that ends with it adds none."""
    forms = MONTHS[(period.month or 1) - 1]
    return f"{forms[case]} {period.year}.", f"{forms[3]} {period.year}"


def _number(amount: Decimal) -> int | float:
    """As a person types it into Excel: a whole number, or one with decimals."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _indicator_scale(indicator: Indicator) -> tuple[int, int, float]:
    """(smallest, largest, chance of any activity in a month) for a counting indicator, from what it counts."""
    text = indicator.text.en.lower()
    if any(w in text for w in ("participants", "attendants", "trained", "representatives", "covered", "profiled")):
        return 10, 60, 0.45
    if any(w in text for w in ("victim", "identified", "received", "cases", "risks detected", "evaluations")):
        return 1, 8, 0.5
    if "exchanged" in text:
        return 3, 30, 0.7
    return 1, 3, 0.3


def _audience(indicator: Indicator, groups: list[str]) -> dict[str, float]:
    """The share of each group in a count: children's programmes count mostly children, trainings of staff
    count adults only, victims are of every group."""
    text = indicator.text.en.lower()
    if any(w in text for w in ("child", "boys and girls")):
        share = {"women": 0.1, "men": 0.06, "girls": 0.45, "boys": 0.4}
    elif any(w in text for w in ("victim", "migrant")):
        share = {"women": 0.4, "men": 0.25, "girls": 0.2, "boys": 0.15}
    else:
        share = {"women": 0.6, "men": 0.4, "girls": 0.0, "boys": 0.0}
    picked = {g: share[g] for g in groups}
    total = sum(picked.values()) or 1.0
    return {g: w / total for g, w in picked.items()}


# --- the mix: late, missing, invalid, resubmitted ----------------------------------------


@dataclass
class _Mix:
    missing: set[tuple[str, str]]
    late: set[tuple[str, str]]
    invalid: dict[tuple[str, str], tuple[Mistake, Edits]]
    resubmitted: dict[tuple[str, str], tuple[Mistake, Edits]]


def _draw_mix(drafts: list[_Draft], seed: int, first: str, last: str) -> _Mix:
    rng = _rng(seed, "mix", first, last)
    keys = [(d.profile.code, str(d.period)) for d in drafts]
    weights = [float(d.profile.tardiness) for d in drafts]
    total = len(keys)
    missing = set(_weighted_sample(rng, keys, weights, round(MISSING_SHARE * total)))
    present = [(k, w) for k, w in zip(keys, weights, strict=True) if k not in missing]
    late = set(
        _weighted_sample(rng, [k for k, _ in present], [w for _, w in present], round(LATE_SHARE * len(present)))
    )
    by_key = {(d.profile.code, str(d.period)): d for d in drafts}
    candidates = [k for k, _ in present]
    rng.shuffle(candidates)
    wanted = min(max(len(MISTAKES), round(INVALID_SHARE * total)), max(1, total // 10))
    invalid: dict[tuple[str, str], tuple[Mistake, Edits]] = {}
    for i in range(wanted):
        kind = MISTAKES[i % len(MISTAKES)]
        for key in candidates:
            if key in invalid:
                continue
            wrong = _make_mistake(kind, by_key[key], _rng(seed, *key, "mistake"))
            if wrong is not None:
                invalid[key] = (kind, wrong)
                break
    resubmitted: dict[tuple[str, str], tuple[Mistake, Edits]] = {}
    for key in candidates:
        if key in invalid:
            continue
        mistake_rng = _rng(seed, *key, "mistake")
        for kind in rng.sample(MISTAKES, len(MISTAKES)):
            wrong = _make_mistake(kind, by_key[key], mistake_rng)
            if wrong is not None:
                resubmitted[key] = (kind, wrong)
                break
        if resubmitted:
            break
    return _Mix(missing=missing, late=late, invalid=invalid, resubmitted=resubmitted)


def _make_mistake(kind: Mistake, draft: _Draft, rng: random.Random) -> Edits | None:
    """The draft's values with one realistic mistake, or None when this report has no place for it."""
    if not draft.layout.has("tasks"):
        return None  # the short reports: their one mistake, an empty report, is not made in the demo
    return _MISTAKE_MAKERS[kind](dict(draft.edits), draft, rng)


def _status_left_empty(edits: Edits, draft: _Draft, rng: random.Random) -> Edits | None:
    lead = text_of("role.lead", draft.profile.lang)
    keys = [r.key for r in draft.layout.sheet("tasks").rows if r.values["role"] == lead]
    keys = [key for key in keys if ("tasks", key, "status") in edits]
    if not keys:
        return None
    del edits[("tasks", rng.choice(keys), "status")]
    return edits


def _total_off_by_some(edits: Edits, draft: _Draft, rng: random.Random) -> Edits | None:
    sheet = draft.layout.sheet("indicators")
    rows = [r for r in sheet.rows if "total" in sheet.input_keys(r) and len(sheet.input_keys(r)) > 2]
    if not rows:
        return None
    row = rng.choice(rows)
    groups = [g for g in sheet.input_keys(row) if g not in ("total", "note")]
    counts: dict[str, int] = {g: edits.get(("indicators", row.key, g)) or 0 for g in groups}
    if not sum(counts.values()):
        counts[groups[0]] = rng.randint(3, 12)
    for group, count in counts.items():
        edits[("indicators", row.key, group)] = count
    right = sum(counts.values())
    typo = rng.choice((1, 2, 10)) * rng.choice((1, -1) if right > 10 else (1,))
    edits[("indicators", row.key, "total")] = right + typo
    return edits


def _jmbg_in_progress(edits: Edits, draft: _Draft, rng: random.Random) -> Edits | None:
    keys = [r.key for r in draft.layout.sheet("tasks").rows]
    key = rng.choice([k for k in keys if ("tasks", k, "progress") in edits] or keys)
    jmbg = _jmbg(rng)
    slip = _say(_fill(JMBG_SLIP, {"jmbg": (jmbg, jmbg)}), draft.profile.lang)
    before = edits.get(("tasks", key, "progress"))
    edits[("tasks", key, "progress")] = f"{before} {slip}" if before else slip
    return edits


def _amount_with_comma(edits: Edits, draft: _Draft, rng: random.Random) -> Edits | None:
    """An amount typed as "12,500": 12500 in English, 12.5 in Serbian."""
    cells = sorted(
        cell for cell, value in edits.items() if cell[0] == "budget" and type(value) is int and 1000 <= value < 1000000
    )
    if not cells:
        return None
    cell = rng.choice(cells)
    edits[cell] = f"{edits[cell]:,}"
    return edits


_MISTAKE_MAKERS: dict[Mistake, Callable[[Edits, _Draft, random.Random], Edits | None]] = {
    "missing-status": _status_left_empty,
    "breakdown-mismatch": _total_off_by_some,
    "personal-data": _jmbg_in_progress,
    "amount-ambiguous": _amount_with_comma,
}


def _jmbg(rng: random.Random) -> str:
    """A well-formed JMBG (real date of birth, valid control digit), as a careless officer might type one."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    first12 = f"{born:%d%m}{born.year % 1000:03d}{rng.randint(71, 79)}{rng.randint(0, 999):03d}"
    return first12 + str(jmbg_check_digit(first12))


# --- writing ----------------------------------------------------------------------------


class _Books:
    """One open workbook per institution, built by the project's builder and re-aimed at each new month.

    Building a workbook (styles, validations, names) costs several times what saving it does, and an
    institution's template differs from one month to the next only in a few locked values (period, due
    date) and the metadata. When the layout's shape is unchanged the cached workbook gets those values
    and is saved again; when it changed (a new year brings other budget lines) it is built afresh.
    """

    def __init__(self) -> None:
        self._books: dict[str, tuple[WorkbookLayout, Workbook]] = {}

    def workbook(self, layout: WorkbookLayout) -> Workbook:
        code = layout.meta.institution
        cached = self._books.get(code)
        if cached is not None and _same_shape(cached[0], layout):
            book = cached[1]
            _retarget(book, cached[0], layout)
        else:
            book = build_workbook(layout)
        self._books[code] = (layout, book)
        return book


def _shape(layout: WorkbookLayout) -> list[Any]:
    return [(s.role, s.name, s.title, s.columns, [(r.key, r.inputs) for r in s.rows]) for s in layout.sheets] + [
        layout.meta.lang,
        layout.meta.kind,
    ]


def _same_shape(a: WorkbookLayout, b: WorkbookLayout) -> bool:
    return _shape(a) == _shape(b)


def _retarget(book: Workbook, old: WorkbookLayout, new: WorkbookLayout) -> None:
    """Make a workbook built from `old` hold what build_workbook(new) would: locked values, their row
    heights, the metadata sheet and the document properties. Only for layouts of the same shape."""
    for before, after in zip(old.sheets, new.sheets, strict=True):
        ws = book[after.name]
        for ri, (was, row) in enumerate(zip(before.rows, after.rows, strict=True)):
            if was.values == row.values:
                continue
            inputs = after.input_keys(row)
            for ci, column in enumerate(after.columns, 1):
                value = row.values.get(column.key)
                if column.key not in inputs and value != was.values.get(column.key):
                    set_text_safe(ws.cell(FIRST_DATA_ROW + ri, ci), value)
            texts = [(cell_text(row.values.get(c.key)), c.width) for c in after.columns if c.wrap]
            ws.row_dimensions[FIRST_DATA_ROW + ri].height = row_height(texts)
    meta = book[META_SHEET]
    for r, (key, value) in enumerate(new.meta.model_dump().items(), 1):
        meta.cell(r, 1, key)
        set_text_safe(meta.cell(r, 2), str(value))
    book.properties.title = new.sheets[0].title
    book.properties.keywords = f"apmon {new.meta.plan_id} {new.meta.institution} {new.meta.period}"


def _type_in(book: Workbook, layout: WorkbookLayout, edits: Edits) -> None:
    """Write every input cell of the layout: the typed value, or empty (a re-used workbook keeps nothing)."""
    used = 0
    for sheet in layout.sheets:
        ws = book[sheet.name]
        columns = {c.key: i for i, c in enumerate(sheet.columns, 1)}
        for ri, row in enumerate(sheet.rows):
            for key in sheet.input_keys(row):
                value = edits.get((sheet.role, row.key, key), row.values.get(key))
                used += (sheet.role, row.key, key) in edits
                set_text_safe(ws.cell(FIRST_DATA_ROW + ri, columns[key]), value)
    if used != len(edits):
        known = {(s.role, r.key, k) for s in layout.sheets for r in s.rows for k in s.input_keys(r)}
        unknown = sorted(set(edits) - known)
        raise ValueError(f"values for cells the layout does not have: {unknown[:5]}")


def _write(
    books: _Books,
    draft: _Draft,
    edits: Edits,
    local: dt.datetime,
    mistake: Mistake | None,
    resubmission: bool,
    folder: Path,
) -> DemoSubmission:
    code, period = draft.profile.code, draft.period
    sent = _belgrade(local)
    created = _belgrade(dt.datetime.combine(period.first_day, dt.time(7, 0)))
    meta = draft.layout.meta.model_copy(
        update={"created": created.isoformat(timespec="seconds"), "submitted_at": sent.isoformat(timespec="seconds")}
    )
    layout = draft.layout.model_copy(update={"meta": meta})
    book = books.workbook(layout)
    _type_in(book, layout, edits | {("cover", "date", "value"): local.date()})
    book.properties.created = created.replace(tzinfo=None)
    book.properties.lastModifiedBy = draft.edits[("cover", "preparer", "value")]

    month_folder = folder / str(period)
    month_folder.mkdir(parents=True, exist_ok=True)
    name = template_file_name(code, period, draft.profile.lang)
    if resubmission:
        name = name.removesuffix(".xlsx") + CORRECTION_SUFFIX + ".xlsx"
    path = month_folder / name
    tmp = path.with_name(f".{path.name}.tmp")
    book.save(tmp)
    tmp.replace(path)
    stamp = sent.timestamp()
    os.utime(path, (stamp, stamp))
    return DemoSubmission(
        institution=code,
        period=str(period),
        path=path,
        submitted_at=sent,
        due=draft.due,
        late=local.date() > draft.due,
        invalid=mistake is not None,
        mistake=mistake,
        resubmission=resubmission,
    )
