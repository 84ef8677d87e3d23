"""Editing a registry of institutions after a Government reshuffle (`apmon institution`): a ministry renamed, a new
partner, an institution that stops reporting, one added by mistake removed. The edits work on the file's data as read (a
field this module does not know is kept as it is); the file is written anew from it, its comments at the top and those
directly above an institution's entry kept, the other comments put back beside the same lines (those of a line the edit
changed are lost, and named), and checked as `apmon plan check` checks it before it replaces the old one (atomically,
the old one kept as a backup)."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from apmon.schemas.calendar import Period, month_before
from apmon.schemas.institutions import CODE_PATTERN
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.templates.plan_file import DEFAULT_INSTITUTIONS, DataFileError, load_plan_and_registry, temporary_beside

Entry = dict[str, Any]

# The order of an institution's fields, as the shipped registry writes them: a field an edit adds goes to its place.
FIELD_ORDER = (
    "code",
    "kind",
    "name",
    "short",
    "genitive",
    "working_group_member",
    "civil_society_representative",
    "former_names",
    "reports_from",
    "reports_until",
    "succeeds",
    "reports",
)
PLACES_SAID = 10  # the places of the plan file a refused removal lists
_COMMENT = re.compile(r"^\s*#")
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")


# Refusals of what was typed (a code no institution has or no code at all, a month or day outside the plan), not of
# the edit: the command's usage error (exit 2), as `template build` says a period outside the plan.
TYPED_WRONG = frozenset(
    {
        "institution.unknown_code",
        "institution.bad_code",
        "institution.month_outside_plan",
        "institution.day_outside_plan",
    }
)


class EditRefused(Exception):
    """An edit that would make the registry wrong: the catalogue's `key` with `fields`, said in the reader's
    language."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields

    @property
    def typed_wrong(self) -> bool:
        """Refused for a value typed wrong (TYPED_WRONG), not for what the edit would do."""
        return self.key in TYPED_WRONG

    def said(self, lang: Lang) -> str:
        from apmon.schemas.messages import text_of

        # a name in its three forms (a dict by language) is said in the reader's
        return text_of(self.key, lang, **{k: v[lang] if isinstance(v, dict) else v for k, v in self.fields.items()})


@dataclass
class RegistryText:
    """A registry file as read: the comments at its top, its data, the comment lines directly above each
    institution's entry (by code: they go with it, renamed or not), the line each entry starts on, the lines of
    the other comments below the top (`with_comments` puts them back), and the file's lines."""

    header: str
    data: dict[str, Any]
    comment_lines: list[int] = field(default_factory=list)
    above: dict[str, str] = field(default_factory=dict)
    entry_lines: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return list(self.data.get("institutions") or [])


def read_text(text: str) -> RegistryText:
    """The registry `text` split into its top comments and its data (the text was checked by loading it first)."""
    text = text.removeprefix("\ufeff")  # Notepad's byte order mark would hide the first comment line
    lines = text.splitlines(keepends=True)
    looked_at = _values_masked(text).splitlines(keepends=True)  # where a '#' is looked for: not inside a value
    top = 0
    while top < len(lines) and (not lines[top].strip() or _COMMENT.match(looked_at[top])):
        top += 1
    header = "".join(lines[:top]).rstrip("\n")
    above: dict[str, str] = {}
    entry_lines: dict[str, int] = {}
    kept: set[int] = set()
    for code, start in _entry_starts(text):
        entry_lines[code] = start + 1
        first, dash = start, _indent(lines[start])
        # comments directly above the entry, none deeper than its dash (one deeper is the entry's before it)
        while first > top and _COMMENT.match(looked_at[first - 1]) and _indent(lines[first - 1]) <= dash:
            first -= 1
        if first < start:
            above[code] = "".join(line.lstrip(" \t") for line in lines[first:start])
            kept.update(range(first + 1, start + 1))
    below = [
        number
        for number, line in enumerate(looked_at[top:], start=top + 1)
        if number not in kept and (_COMMENT.match(line) or re.search(r"\s#", _QUOTED.sub("", line)))
    ]
    data = yaml.safe_load(text) or {}
    return RegistryText(header + "\n" if header else "", data, below, above, entry_lines, text.splitlines())


def _values_masked(text: str) -> str:
    """`text` with each value of more than one line (a block scalar `|` or `>` below its first line, a quoted or plain
    value that goes on over lines) written over with "x" but for its spaces and line ends: a '#' in it ("# 3" in a
    name typed by hand over lines) is the value's text, not a comment. A value on one line is told by `_QUOTED` (a
    plain one never holds " #"); a block scalar's first line can end with a real comment. The text was checked by
    loading it first."""
    chars = list(text)
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        start, end = event.start_mark, event.end_mark  # a parsed text's events have both
        if not isinstance(event, yaml.ScalarEvent) or start is None or end is None or start.line == end.line:
            continue
        begin = text.index("\n", start.index) + 1 if event.style in ("|", ">") else start.index
        for at in range(begin, end.index):
            if not chars[at].isspace():  # the lines stay as they were split, each as long
                chars[at] = "x"
    return "".join(chars)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _entry_starts(text: str) -> list[tuple[str, int]]:
    """(code, line) where each institution's entry starts (0-based)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    entries = next((v for k, v in root.value if k.value == "institutions"), None)
    starts = []
    for entry in entries.value if isinstance(entries, yaml.SequenceNode) else []:
        if not isinstance(entry, yaml.MappingNode):
            continue
        code = next((v.value for k, v in entry.value if k.value == "code" and isinstance(v, yaml.ScalarNode)), None)
        if code is not None:
            starts.append((str(code), entry.start_mark.line))
    return starts


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key (`former_names:` then `  - until: ...`), as a person writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dumped(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def render(registry: RegistryText, entries: list[Entry]) -> str:
    """The file's text: the comments of its top, then each institution as a block of its own, a blank line between
    (as the shipped registry is written), the comments that stood directly above it above it; any other top-level
    field as it was."""
    parts = [registry.header] if registry.header else []
    for key, value in registry.data.items():
        if key != "institutions":
            parts.append(_dumped({key: value}))
    parts.append("institutions:\n")
    parts += ["\n" + registry.above.get(str(entry.get("code")), "") + _dumped([entry]) for entry in entries]
    return "".join(parts)


def _split_comment(line: str, looked_at: str) -> tuple[str, str]:
    """A line's content and the comment at its end ("- code: MUP  # the police": "- code: MUP", "  # the police");
    a whole-line comment is all comment. `looked_at`: the line as `_values_masked` gives it."""
    found = re.search(r"(^|\s+)#", _QUOTED.sub(lambda quoted: "x" * len(quoted[0]), looked_at))
    return (line[: found.start()], line[found.start() :]) if found else (line, "")


def with_comments(registry: RegistryText, text: str) -> tuple[str, list[int]]:
    """`text` (render's) with the comments render does not place put back: each beside the same line as before (a
    comment at a line's end), or above it (whole-line comments since the line before, and the blank lines among
    them), the lines of the old file and of `text` matched as difflib matches them (the comments aside), each
    institution's entry on its own, by code: the entries' lines are much alike ("  reports: true"), and matched over
    the whole list a removed entry's comment went to the entry before it. Also the numbers of the comment lines that
    went with a line the edit changed or removed (the backup keeps them)."""
    wanted = set(registry.comment_lines)
    old_owners = _owners({line - 1: code for code, line in registry.entry_lines.items()}, len(registry.lines))
    keys: list[tuple[str | None, str]] = []  # the old file's content lines, without their comments, by entry
    owned: list[tuple[int, list[int], str]] = []  # for each: its number, the comment lines above it, its own comment
    waiting: list[int] = []
    # each line ended, the blank last ones too: joined by "\n" alone, a file ending in a blank line lost its last
    old_looked_at = _values_masked("".join(line + "\n" for line in registry.lines)).splitlines()
    for number, line in enumerate(registry.lines, start=1):
        content, comment = _split_comment(line, old_looked_at[number - 1])
        if not content.strip():  # a whole-line comment, or a blank line after one that waits for its line
            if number in wanted or (waiting and not line.strip()):
                waiting.append(number)
            continue
        keys.append((old_owners[number - 1], content.rstrip()))
        owned.append((number, waiting, comment if number in wanted else ""))
        waiting = []
    new, new_looked_at = text.splitlines(), _values_masked(text).splitlines()
    places = [j for j, line in enumerate(new) if _split_comment(line, new_looked_at[j])[0].strip()]
    new_owners = _owners({start: code for code, start in _entry_starts(text)}, len(new))
    new_keys = [(new_owners[j], new[j].rstrip()) for j in places]
    matched: dict[int, int] = {}  # a line of `keys` -> its line in `new`
    new_by_owner = _by_owner(new_keys)
    for owner, old_at in _by_owner(keys).items():
        new_at = new_by_owner.get(owner, [])
        lines = [keys[i][1] for i in old_at], [new_keys[j][1] for j in new_at]
        for i, j, size in difflib.SequenceMatcher(None, *lines, autojunk=False).get_matching_blocks():
            matched |= {old_at[i + k]: places[new_at[j + k]] for k in range(size)}
    before: dict[int, list[str]] = {}
    ends: dict[int, str] = {}
    lost: list[int] = []
    for i, (number, above, comment) in enumerate(owned):
        if i not in matched:
            lost += [n for n in above if registry.lines[n - 1].strip()] + ([number] if comment else [])
            continue
        at = matched[i]
        while at > 0 and _COMMENT.match(new_looked_at[at - 1]):  # above the comments render put above an entry
            at -= 1
        before.setdefault(at, []).extend(registry.lines[n - 1] for n in above)
        ends[matched[i]] = comment
    out: list[str] = []
    for j, line in enumerate(new):
        out += before.get(j, [])
        out.append(line + ends.get(j, ""))
    if waiting:  # after the last entry, with the blank lines before them
        last = owned[-1][0] if owned else 0
        out += [
            line
            for line, looked_at in zip(registry.lines[last:], old_looked_at[last:], strict=True)
            if not line.strip() or _COMMENT.match(looked_at)
        ]
    written = "\n".join(out) + "\n"
    # A '#' inside a quoted value of many lines reads as a comment at its line's end: put back, it can end the value
    # early. What is written must be the edit's data, else it goes without those comments, each named.
    if not _same_data(written, text):
        return text, list(registry.comment_lines)
    return written, sorted(lost)


def _same_data(written: str, text: str) -> bool:
    try:
        return yaml.safe_load(written) == yaml.safe_load(text)
    except yaml.YAMLError:
        return False


def _by_owner(keys: list[tuple[str | None, str]]) -> dict[str | None, list[int]]:
    """The places in `keys` of each entry's lines (None: those above the first entry)."""
    places: dict[str | None, list[int]] = {}
    for at, (owner, _) in enumerate(keys):
        places.setdefault(owner, []).append(at)
    return places


def _owners(starts: dict[int, str], count: int) -> list[str | None]:
    """For each of `count` lines, the code of the entry it is in (`starts`: the line, from 0, each entry starts on);
    None above the first."""
    owners: list[str | None] = []
    for number in range(count):
        owners.append(starts.get(number, owners[-1] if owners else None))
    return owners


def _with(entry: Entry, key: str, value: Any) -> Entry:
    """`entry` with `key` set to `value`: in its place when it has it, else where FIELD_ORDER puts it."""
    if key in entry:
        return {k: (value if k == key else v) for k, v in entry.items()}
    rank = FIELD_ORDER.index(key)
    result: Entry = {}
    for k, v in entry.items():
        if key not in result and k in FIELD_ORDER and FIELD_ORDER.index(k) > rank:
            result[key] = value
        result[k] = v
    result.setdefault(key, value)
    return result


def _without(entry: Entry, key: str) -> Entry:
    return {k: v for k, v in entry.items() if k != key}


def _index(entries: list[Entry], code: str) -> int:
    for i, entry in enumerate(entries):
        if entry.get("code") == code:
            return i
    raise EditRefused("institution.unknown_code", code=code, codes=", ".join(str(e.get("code")) for e in entries))


def _month_in_plan(month: str, plan: Plan, option: str) -> None:
    first, last = plan.month_span()
    if not first <= month <= last:
        raise EditRefused("institution.month_outside_plan", option=option, month=month, first=first, last=last)


def renamed(
    entries: list[Entry],
    code: str,
    plan: Plan,
    since: dt.date,
    name: dict[str, str],
    genitive: dict[str, str] | None,
    short: dict[str, str] | None,
) -> list[Entry]:
    """The registry with `code` named `name` from `since` on: its name until then goes to `former_names` with its
    last day (the day before). The old genitive and short form go (they would name it as it was)."""
    at = _index(entries, code)
    entry = entries[at]
    if not plan.start < since <= plan.end:
        raise EditRefused("institution.day_outside_plan", option="--since", day=since, first=plan.start, last=plan.end)
    if name == entry.get("name"):
        raise EditRefused("institution.same_name", code=code)
    former = [*(entry.get("former_names") or []), {"until": since - dt.timedelta(days=1), "name": entry["name"]}]
    changed = _with(_with(entry, "name", name), "former_names", former)
    for key, value in (("genitive", genitive), ("short", short)):
        changed = _with(changed, key, value) if value else _without(changed, key)
    return [*entries[:at], changed, *entries[at + 1 :]]


def added(entries: list[Entry], entry: Entry, plan: Plan) -> list[Entry]:
    """The registry with a new institution at its end, reporting from its `reports_from` on."""
    if not re.fullmatch(CODE_PATTERN, entry["code"]):
        raise EditRefused("institution.bad_code", code=entry["code"])
    taken = next((e for e in entries if e.get("code") == entry["code"]), None)
    if taken is not None:
        raise EditRefused("institution.code_taken", code=entry["code"], name=taken["name"])
    _month_in_plan(entry["reports_from"], plan, "--from")
    if entry.get("succeeds") is not None:
        succession_checked(entries, entry["code"], entry["succeeds"], entry["reports_from"])
    in_order = sorted(entry, key=FIELD_ORDER.index)
    return [*entries, {k: entry[k] for k in in_order if entry[k] is not None}]


def succession_checked(entries: list[Entry], code: str, predecessor: str, first: str) -> None:
    """EditRefused unless `code`, reporting from the month `first`, can succeed `predecessor`: it is in the registry
    and reports until a month before `first` (InstitutionRegistry's check, said with the command that ends it)."""
    old = entries[_index(entries, predecessor)]
    until = str(month_before(Period.parse(first)))
    last = old.get("reports_until")
    fields = {"code": code, "predecessor": predecessor, "first": first, "until": until}
    if last is None:
        raise EditRefused("institution.predecessor_not_ended", **fields)
    if not str(last) < first:
        raise EditRefused("institution.predecessor_ends_later", **fields, last=last)


def ended(entries: list[Entry], code: str, until: str, plan: Plan, where: dict[str, str] | None = None) -> list[Entry]:
    """The registry with `code` reporting until the month `until` (the last it owes). Refused when a successor of
    it reports from `until` or earlier, said with the month to give instead and where (`where`: code -> file:line)
    the successor's first month is written."""
    at = _index(entries, code)
    _month_in_plan(until, plan, "--until")
    starting = sorted(
        (str(e["reports_from"]), str(e["code"]))
        for e in entries
        if e.get("succeeds") == code and e.get("reports_from") is not None and str(e["reports_from"]) <= until
    )
    if starting:
        first, successor = starting[0]
        before = str(month_before(Period.parse(first)))
        at_line = (where or {}).get(successor, "")
        fields = {"code": code, "until": until, "successor": successor, "first": first, "before": before}
        raise EditRefused("institution.successor_starts_earlier", **fields, where=at_line)
    return [*entries[:at], _with(entries[at], "reports_until", until), *entries[at + 1 :]]


def removal_checked(entries: list[Entry], code: str, plan_places: list[str], where: dict[str, str]) -> None:
    """EditRefused unless `code` can leave the registry: it is in it, the plan file names it nowhere (`plan_places`:
    file:line (field) of each place it does) and no institution succeeds it (`where`: code -> file:line). Whether
    the ledger holds its reports is the caller's to ask."""
    _index(entries, code)
    if plan_places:
        # one a line, as the plan check says its problems; a body the plan names everywhere is not a mistake to list
        places = "".join(f"\n  {place}" for place in plan_places[:PLACES_SAID])
        more = len(plan_places) - PLACES_SAID
        if more > 0:
            places += f"\n  (+{more})"
        raise EditRefused("institution.remove_named_in_plan", code=code, places=places)
    successors = [str(e["code"]) for e in entries if e.get("succeeds") == code]
    if successors:
        said_where = "; ".join(f"{s} ({where.get(s, '?')})" for s in successors)
        raise EditRefused("institution.remove_succeeded", code=code, successors=said_where)


def removed(entries: list[Entry], code: str) -> list[Entry]:
    """The registry without `code` (checked first by removal_checked and the ledger)."""
    at = _index(entries, code)
    return [*entries[:at], *entries[at + 1 :]]


def tasks_naming(plan: Plan, code: str) -> list[str]:
    """The ids of the tasks the plan names `code` in (lead, partners or a budget line's payer)."""
    return [
        task.id
        for task in plan.tasks()
        if code in task.lead or code in task.partners or any(line.payer == code for line in task.budget)
    ]


def checked_write(
    path: Path, text: str, plan: Path | None, data_dir: Path | None, *, was: bytes | None, replace: bool = True
) -> Path | None:
    """Write `text` (its line ends as they are) over the registry `path` once it passes the checks of `apmon plan
    check` (with `plan`, the plan file, else the shipped one): a temporary file beside it is checked, then moved
    over it, the old file kept as `<name>.<time>.bak` beside it (returned; None when there was none). DataFileError,
    naming `path`, when the text would make the registry invalid: nothing is changed then. EditRefused when `path`
    is no longer what the edit was made from, `was` (None: no file), so another edit made meanwhile is not written
    over. Not `replace` (a dry run): checked only."""
    handle, temporary = temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:  # its line ends as given, on Windows too
            f.write(text)
        try:
            load_plan_and_registry(plan, Path(temporary), data_dir)
        except DataFileError as exc:
            said_of_path = [e.model_copy(update={"file": str(path)}) if e.file == temporary else e for e in exc.errors]
            raise DataFileError(said_of_path) from exc
        if not replace:
            return None
        # Checked last, just before the move: the check above takes a second, another command's write fits in it.
        if (path.read_bytes() if path.exists() else None) != was:
            raise EditRefused("institution.changed_meanwhile", file=path)
        backup = None
        if path.exists():
            backup = _backup_name(path)
            shutil.copy2(path, backup)
        os.replace(temporary, path)
        return backup
    finally:
        Path(temporary).unlink(missing_ok=True)


def _backup_name(path: Path) -> Path:
    """`<name>.<time>.bak` beside `path`; a second edit within the same second (a script's) gets `-2`, ...: no
    backup is written over."""
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    backup, n = path.with_name(f"{path.name}.{stamp}.bak"), 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    return backup


_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def config_naming(config_text: str, registry_name: str, config_file: Path) -> str:
    """The configuration's text with `institutions = "<registry_name>"` among its top-level settings (before its
    first table, where TOML wants them), its line ends as the text's. EditRefused when the text so written would
    not name it (a configuration laid out in a way this does not foresee): the person writes the line."""
    end = "\r\n" if "\r\n" in config_text else "\n"  # a file written on Windows keeps its line ends
    line = f'institutions = "{registry_name}"{end}'
    first_table = _TABLE.search(config_text)
    at = first_table.start() if first_table else len(config_text)
    if first_table:  # comment lines right above the table introduce it: the line goes above them (not the file's top)
        start = at
        while (above := config_text.rfind("\n", 0, max(start - 1, 0)) + 1) < start and _COMMENT.match(
            config_text[above:start]
        ):
            start = above
        at = start or at
    before = config_text[:at]
    if before and not before.endswith("\n"):
        before += end
    written = before + line + (end if first_table else "") + config_text[at:]
    try:
        named = tomllib.loads(written).get("institutions")
    except tomllib.TOMLDecodeError:
        named = None
    if named != registry_name:
        shipped, copy = DEFAULT_INSTITUTIONS, config_file.parent / registry_name
        raise EditRefused(
            "institution.config_by_hand", config=config_file, shipped=shipped, file=copy, line=line.strip()
        )
    return written


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def config_line(config_text: str, table: str, code: str) -> int | None:
    """The line (1-based) of the configuration `config_text` on which the table `table` (`contacts`,
    `google.accounts`) names the institution `code`, as TOML writes it: `[table.CODE]`, `CODE = ...` under `[table]`,
    or under the table above it `leaf = { ..., CODE = ... }` or `leaf.CODE = ...`; None when none is found (the
    message then names the file alone)."""
    key = rf'(?<![\w-])(?:{re.escape(code)}|"{re.escape(code)}")\s*='
    parent, _, leaf = table.rpartition(".")
    under_parent = re.compile(rf"\s*{re.escape(leaf)}\s*(=\s*\{{.*{key}|\.\s*{key})")
    current = ""
    for number, line in enumerate(config_text.splitlines(), start=1):
        if header := _HEADER.match(line):
            current = re.sub(r"\s*\.\s*", ".", header[1]).replace('"', "")
            if current == f"{table}.{code}":
                return number
        elif (current == table and re.match(rf"\s*{key}", line)) or (
            parent and current == parent and under_parent.match(line)
        ):
            return number
    return None
