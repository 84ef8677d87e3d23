"""Reading plan and institution files: YAML text -> validated models, or
errors located by file, line and path inside the document."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import json
import logging
import os
import secrets
import stat
import weakref
from collections import Counter, defaultdict
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.personal_data import bodies_in_force
from apmon.schemas.plan import Plan
from apmon.schemas.said import Phrase, SaidError, Sayable, os_reason, phrase_of, say, validation_reason
from apmon.schemas.text import Lang, Text

if TYPE_CHECKING:
    import yaml

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PLAN = DATA_DIR / "plan-2017-2018.yaml"
DEFAULT_INSTITUTIONS = DATA_DIR / "institutions.yaml"
# In the data folder: what the plan file and the registry file last read there held (_Cache)
PLAN_CACHE = "plan-cache.json"
INSTITUTIONS_CACHE = "institutions-cache.json"

log = logging.getLogger("apmon.plan")

M = TypeVar("M", bound=BaseModel)


class LocatedError(BaseModel):
    """One problem in a data file, located so a person can find and fix it."""

    file: str
    line: int | None = None
    path: str = ""  # where inside the document, e.g. objectives[0].activities[1].tasks[2].lead
    message: str  # what is wrong and what is expected, in English (logs, --json)
    found: str | None = None  # the offending value, shortened
    key: str = ""  # the message in the catalogue (schemas.messages_errors), said in the reader's language
    fields: dict[str, Any] = Field(default_factory=dict)

    def __str__(self) -> str:
        return self.said("en") if self.key else self._said(self.message, "en")

    def said(self, lang: Lang) -> str:
        """The problem in `lang`: where it is, what is wrong and what to do."""
        return self._said(say(self.key, lang, self.fields) if self.key else self.message, lang)

    @field_serializer("fields")
    def _fields_in_english(self, fields: dict[str, Any]) -> dict[str, Any]:
        # A field said in the reader's language (a validator's reason) goes out as its English, like `message`.
        return {name: value.said("en") if isinstance(value, Sayable) else value for name, value in fields.items()}

    def _said(self, message: str, lang: Lang) -> str:
        from apmon.schemas.messages import text_of

        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.path:
            where = text_of("datafile.where_at", lang, where=where, path=self.path)
        found = " " + text_of("datafile.found", lang, found=self.found) if self.found is not None else ""
        return f"{where}: {message}{found}"


def located(
    file: str, key: str, line: int | None = None, path: str = "", found: str | None = None, **fields: Any
) -> LocatedError:
    """A problem told by the catalogue's `key` with `fields` (a field may itself be said: schemas.said)."""
    message = say(key, "en", fields)
    return LocatedError(file=file, line=line, path=path, message=message, found=found, key=key, fields=fields)


class DataFileError(Exception):
    """A data file that cannot be used; carries every problem found in it. str() is English (logs)."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def said(self, lang: Lang, indent: str = "") -> str:
        """Every problem in `lang`, one a line."""
        return "\n".join(indent + e.said(lang) for e in self.errors)


class TextCorrection(BaseModel):
    """The Serbian of one plan text as the Coordinator put it in (`apmon plan texts import`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sr: str = Field(min_length=1)
    sr_official: str | None = None


class TextCorrections(BaseModel):
    """A plan texts file: corrections by text id (Plan.texts), kept in the data folder apart from the plan file,
    so that they outlive an upgrade of apmon (which replaces the shipped plan file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    texts: dict[str, TextCorrection] = Field(default_factory=dict)


def plan_texts_file(data_dir: Path, plan_id: str) -> Path:
    """Where the corrections of the plan `plan_id`'s texts are kept: one file per plan, in the data folder."""
    return data_dir / f"plan-texts-{plan_id}.yaml"


def load_plan(
    path: Path | None = None,
    registry: InstitutionRegistry | None = None,
    texts_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> Plan:
    """Load and check a plan file; with a registry, every institution code must be in it, and the plan follows its
    splits (Plan.under). With `texts_dir` (the
    data folder), the corrections of its texts kept there (plan_texts_file) replace the Serbian of the plan file.
    With `cache_dir` (the data folder), what the file held is kept there (PLAN_CACHE)."""
    path = path or DEFAULT_PLAN
    plan, nodes = _load_model(path, Plan, cache_dir / PLAN_CACHE if cache_dir is not None else None)
    if texts_dir is not None and plan_texts_file(texts_dir, plan.id).exists():
        plan = with_corrections(plan, plan_texts_file(texts_dir, plan.id))
    if registry is not None:
        errors = [
            located(
                str(path),
                "datafile.unknown_institution",
                line=_line_of(nodes.root, loc),
                path=_dotted(loc),
                found=repr(code),
                codes=", ".join(registry.codes),
            )
            for loc, code in _institution_refs(plan)
            if code not in registry
        ]
        errors += _moved_without_successor(plan, registry, str(path), nodes)
        if errors:
            raise DataFileError(errors)
        plan = plan.under(registry)  # a ministry split in two: the plan file names its successors
    return plan


def load_plan_and_registry(
    plan: Path | None, institutions: Path | None, texts_dir: Path | None, cache_dir: Path | None = None
) -> tuple[Plan, InstitutionRegistry]:
    """The registry, then the plan checked against it, with the corrections of its texts kept in `texts_dir`. With
    `cache_dir` (the data folder: a sync), what the files held is kept there, so that a later run reading them
    unchanged does not parse them; a check of a file about to be written (registry_file) keeps nothing."""
    registry = load_registry(institutions, cache_dir)
    return load_plan(plan, registry, texts_dir=texts_dir, cache_dir=cache_dir), registry


def load_corrections(plan: Plan, path: Path) -> TextCorrections:
    """The corrections in `path` (none when it does not exist), each for a text the plan has."""
    if not path.exists():
        return TextCorrections()
    corrections, nodes = _load_model(path, TextCorrections)
    ids = {t.id for t in plan.texts()}
    errors = [
        located(
            str(path),
            "datafile.unknown_text",
            line=_key_line(nodes.root, "texts", text_id),
            path=f"texts.{text_id}",
            plan=plan.id,
        )
        for text_id in corrections.texts
        if text_id not in ids
    ]
    for text_id, correction in corrections.texts.items():
        if text_id in ids:
            try:
                Text(en="-", sr=correction.sr, sr_official=correction.sr_official)
            except ValidationError as exc:
                loc = ("texts", text_id)
                errors += [_located(str(path), nodes.root, {**e, "loc": loc + tuple(e["loc"])}) for e in exc.errors()]
    if errors:
        raise DataFileError(errors)
    return corrections


def _key_line(root: yaml.Node | None, mapping: str, key: str) -> int | None:
    """The line of `key` in the top-level `mapping` (where an entry starts, rather than where its value does)."""
    import yaml

    inner = _line_of(root, ())
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if k.value == mapping), None)
        if isinstance(node, yaml.MappingNode):
            inner = next((k.start_mark.line + 1 for k, _ in node.value if k.value == key), inner)
    return inner


def with_corrections(plan: Plan, path: Path) -> Plan:
    """The plan with the Serbian of its texts replaced by the corrections in `path`."""
    corrections = load_corrections(plan, path).texts
    if not corrections:
        return plan
    data = plan.model_dump()
    for entry in plan.texts():
        if entry.id in corrections:
            *parents, last = entry.loc
            holder: Any = data
            for part in parents:
                holder = holder[part]
            holder[last] = {**entry.text.model_dump(), **corrections[entry.id].model_dump()}
    return Plan.model_validate(data)


def open_to_others(path: Path, others: int = 0o007) -> Literal["read", "change", "use"] | None:
    """What accounts other than the owner of the file `path` (the one a link leads to) may do with it, by the bits
    `others` of its mode (0o007: every account; 0o077: the group too): "read" it, else "change" it (write), else
    "use" it (execute alone); None when nothing. A secret others may read or change is refused, as PostgreSQL's client
    refuses its password file; by default the service's group may read it (0640). Never on Windows, where the
    folder's rights decide. OSError when it cannot be looked at."""
    if os.name == "nt":
        return None
    mode = path.stat().st_mode & others
    return "read" if mode & 0o444 else "change" if mode & 0o222 else "use" if mode else None


def write_whole(path: Path, text: str, newline: str | None = None, owner_only: bool = False) -> None:
    """Write `path` whole or not at all: a temporary file beside it, moved over it (OSError when it cannot be; the
    temporary file is gone then, and the file as it was). `newline` as open() takes it ("": the text's own).
    `owner_only`: what holds personal data (create_owner_only), else the mode `path` has (temporary_beside)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = temporary_beside(path, owner_only=owner_only)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as f:
            f.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def temporary_beside(path: Path, suffix: str = ".tmp", owner_only: bool = False) -> tuple[int, str]:
    """A new file beside `path`, `.<name>.<random><suffix>` (an open descriptor and its name), for what replaces it,
    with the mode `path` has; where there is no `path`, the mode any new file gets (the umask's, applied by the
    system: the process's umask is never changed, which other threads would see). mkstemp's private mode would
    otherwise become the file's, and a service running as another user could no longer read it. `owner_only`: made
    as create_owner_only makes a file, whatever mode `path` had (one an earlier apmon made under the umask)."""
    while True:
        temporary = str(path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}"))
        try:
            if owner_only:
                create_owner_only(Path(temporary))
                return os.open(temporary, os.O_WRONLY | getattr(os, "O_BINARY", 0)), temporary
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        with suppress(OSError):  # a file system without POSIX modes (a Windows share mounted) has its own
            if path.exists():
                os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        return handle, temporary


def create_owner_only(path: Path) -> None:
    """A new empty file at `path`, readable and writable by the account that runs apmon alone (0600) from the moment
    it exists (no window under a wider mode): what holds personal data, such as a SQLite ledger or its copy (the
    officers' names and, for `personal_data_days`, reports refused for a victim's personal data), the service's
    caches and the marker of the file a run reads. SQLite gives a ledger's -wal and -shm files its mode. Under the
    usual umask (022) every account of the server could read them. FileExistsError when there is a file (or a link)
    there already."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))


def fsync_folder(folder: Path) -> None:
    """A rename in `folder` made to last a power cut (the file's own data synced before). Nothing on Windows, which
    cannot open a folder for fsync (NTFS journals the rename itself), nor where the file system refuses."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse; the data itself is already synced
    finally:
        os.close(fd)


def keep_to_owner(descriptor: int) -> None:
    """The open file `descriptor` made owner-only (0600), as create_owner_only makes a new one: a file an earlier apmon
    made under the umask. Not on Windows (no such bits); left as it is where this account does not own it."""
    if hasattr(os, "fchmod"):
        with suppress(OSError):
            os.fchmod(descriptor, 0o600)


def save_corrections(path: Path, corrections: TextCorrections) -> None:
    """Write the corrections file whole or not at all (write_whole)."""
    header = (
        "# Corrections of the plan's Serbian texts, written by `apmon plan texts import`; by text id.\n"
        "# sr: the Serbian translation; sr_official: the official Serbian wording (Latin script), shown first.\n"
    )
    import yaml

    body = yaml.safe_dump(
        corrections.model_dump(exclude_none=True), allow_unicode=True, sort_keys=False, width=1_000_000
    )
    write_whole(path, header + body)


def load_registry(path: Path | None = None, cache_dir: Path | None = None) -> InstitutionRegistry:
    """Load and check a registry file; with `cache_dir` (the data folder), what it held is kept there
    (INSTITUTIONS_CACHE)."""
    cache = cache_dir / INSTITUTIONS_CACHE if cache_dir is not None else None
    registry = _load_model(path or DEFAULT_INSTITUTIONS, InstitutionRegistry, cache)[0]
    # the words of its institutions' names pass the personal-data search as a body's ("PRAVOSUDNA AKADEMIJA: ..."):
    # those of the institutions the Coordinator added too
    bodies_in_force(registry.names(), registry.codes)
    return registry


# Files already read in this process, by path and content: a command loads the plan once, however many of its
# steps ask for it (hashing the bytes costs far less than parsing them, and unlike a modification time it cannot miss
# a rewrite). The models are frozen, so one object can serve them all. Held weakly: a model nobody uses any more is
# forgotten with what was derived from it (a scheduler that loads the plan afresh each run keeps no old one).
_Key = tuple[str, bytes, type[BaseModel]]
_loaded: dict[_Key, tuple[weakref.ref[BaseModel], _Nodes]] = {}


class _Nodes:
    """A data file's YAML node tree, for the lines of its errors: the tree its data was parsed with or, when the data
    came from the data folder's cache, parsed from its text when first asked for."""

    def __init__(self, text: str, root: yaml.Node | None = None) -> None:
        self._text, self._root, self._parsed = text, root, root is not None

    @property
    def root(self) -> yaml.Node | None:
        if not self._parsed:
            from apmon.templates.yaml_text import parse_yaml

            self._root, self._parsed = parse_yaml(self._text)[1], True
        return self._root


def _load_model(path: Path, model: type[M], cache: Path | None = None) -> tuple[M, _Nodes]:
    file = str(path)
    try:
        content = path.read_bytes()
        text = content.decode("utf-8")
    except FileNotFoundError as exc:
        raise DataFileError([located(file, "datafile.not_found")]) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError([located(file, "datafile.not_utf8")]) from exc
    except OSError as exc:
        raise DataFileError([located(file, "datafile.unreadable", reason=os_reason(exc))]) from exc
    digest = hashlib.blake2b(content, digest_size=16).digest()
    key = (str(path.resolve()), digest, model)
    held, nodes = _loaded.get(key, (None, None))
    found = held() if held is not None else None
    if isinstance(found, model) and nodes is not None:
        return found, nodes
    kept = _Cache(cache, digest.hex(), len(content)) if cache is not None else None
    found, nodes = _read_model(file, text, model, kept)
    _loaded[key] = (weakref.ref(found, partial(_forget, key)), nodes)
    return found, nodes


def _forget(key: _Key, _: object) -> None:
    _loaded.pop(key, None)


def _read_model(file: str, text: str, model: type[M], cache: _Cache | None = None) -> tuple[M, _Nodes]:
    """The model of a data file's text; with a cache, the data it keeps for this text, validated as parsed data is
    (the text is parsed when the cache has none, or data the model refuses: its errors are located in the file)."""
    if cache is not None and (data := cache.data()) is not None:
        with suppress(ValidationError):
            return model.model_validate(data), _Nodes(text)
    import yaml

    from apmon.templates.yaml_text import KeyTwice, NoSuchDate, parse_yaml

    try:
        data, root = parse_yaml(text)
    except KeyTwice as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataFileError(
            [located(file, "datafile.key_twice", line=line, name=repr(exc.key), first=exc.first)]
        ) from exc
    except NoSuchDate as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataFileError([located(file, "datafile.no_such_date", line=line, date=exc.written)]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataFileError(
            [located(file, "datafile.not_yaml", line=mark.line + 1 if mark else None, problem=_yaml_problem(exc))]
        ) from exc
    if not isinstance(data, dict):
        raise DataFileError([located(file, "datafile.not_mapping", line=1, found_type=type(data).__name__)])
    try:
        found = model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError([_located(file, root, err) for err in exc.errors()]) from exc
    if cache is not None:
        cache.keep(data)
    return found, _Nodes(text, root)


class _Cache:
    """What a data file's text held, kept as JSON in the data folder with the text's hash: a command reading the
    same file again validates that instead of parsing the YAML (the shipped plan takes a few hundredths of a second to
    parse, a plan of 200 institutions some seconds). JSON, never pickle: a folder others can write must not let them
    run code as the service. Only data JSON gives back the very same is kept (dates marked as such); a cache missing,
    damaged, of another text or made by another apmon or PyYAML (_reader) is left aside, and one that cannot be
    written only means a parse next time."""

    FORMAT = 1

    def __init__(self, path: Path, digest: str, size: int = 0) -> None:
        self.path, self.digest = path, digest
        # The most a cache of a file of `size` bytes is read or written with: its data as JSON is about as long as
        # the file, or three times (Cyrillic escaped); a bound keeps a huge file put there from being read whole.
        self.limit = 8 * size + 64 * 1024

    def data(self) -> Any:
        """The data kept for this text, None when there is none. Only a regular file of at most `limit` bytes is
        read: a link (to anywhere), a pipe or a device put there is no cache of ours, and could block or never end."""
        from apmon.templates.sniff import FileTooLargeError, read_file

        try:
            kept = json.loads(read_file(self.path, self.limit, follow_links=False).data, object_hook=_dated)
        except FileNotFoundError:
            return None
        except (OSError, FileTooLargeError, ValueError, RecursionError) as exc:  # RecursionError: nested too deep
            log.info("the cache %s is left aside (%r): the file is parsed", self.path, exc)
            return None
        if not isinstance(kept, dict) or kept.get("format") != self.FORMAT or kept.get("text") != self.digest:
            return None
        if _reader() is None or kept.get("reader") != _reader():
            return None  # made by another apmon or PyYAML, which may make other data of the same YAML
        return kept.get("data")

    def keep(self, data: Any) -> None:
        """Keep `data` for this text, where the data folder is there (no folder is made for it)."""
        if not self.path.parent.is_dir():
            return
        if (reader := _reader()) is None:
            return
        kept = {"format": self.FORMAT, "text": self.digest, "reader": reader, "data": data}
        try:
            text = json.dumps(kept, default=_date_marked)
        except (TypeError, ValueError):
            return  # a value JSON cannot hold: parsed each time
        if len(text) > self.limit:
            return  # far longer than the file (its aliases written out): not kept, the file parsed each time
        if not _same(json.loads(text, object_hook=_dated)["data"], data):
            return  # a key that is not text, a tuple, a NaN: JSON would give back other data
        try:
            write_whole(self.path, text, owner_only=True)  # the registry's contacts: names, e-mail addresses
        except OSError as exc:
            log.info("the cache %s could not be written (%s): the file is parsed next time", self.path, exc)


@functools.cache
def _reader() -> str | None:
    """What turns a data file's YAML into data, as a cache names it: a hash of apmon's code that asks PyYAML
    (yaml_text) and keeps its data as JSON (this module), and of PyYAML's own __init__ (its version is written there;
    found without loading PyYAML, or asking its metadata, which takes longer); None when one cannot be read (no cache
    then). An upgrade of either may give the same text other data: a cache another one made is left aside."""
    spec = importlib.util.find_spec("yaml")
    if spec is None or spec.origin is None:
        return None
    code = hashlib.blake2b(digest_size=16)
    try:
        for source in (Path(__file__).with_name("yaml_text.py"), Path(__file__), Path(spec.origin)):
            code.update(source.read_bytes())
    except OSError:
        return None
    return code.hexdigest()


def _date_marked(value: Any) -> dict[str, str]:
    if type(value) is dt.date:
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept")


def _dated(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and isinstance(day := mapping.get("$date"), str):
        return dt.date.fromisoformat(day)
    return mapping


def _same(a: Any, b: Any) -> bool:
    """Whether `a` and `b` are the same data, type for type (1, 1.0 and True are not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# What PyYAML (or libyaml under it) says, by a part of its English -> the catalogue's phrase for it ("yaml.")
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "yaml.colon"),
    ("cannot start any token", "yaml.tab"),
    ("did not find expected key", "yaml.indent"),
    ("did not find expected '-' indicator", "yaml.indent"),
    ("expected <block end>", "yaml.indent"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("could not find expected ':'", "yaml.no_colon"),
)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> Phrase | str:
    """What is wrong, in the reader's words where the catalogue has them, else PyYAML's."""
    return phrase_of(" ".join(p for p in (exc.context, exc.problem) if p), _YAML_PROBLEMS)


def _located(file: str, root: yaml.Node | None, err: Any) -> LocatedError:
    loc = tuple(err["loc"])
    refusal = (err.get("ctx") or {}).get("error")
    if isinstance(refusal, SaidError) and "entry_field" in refusal.fields:
        # the registry's refusal of one institution's field (a split's `succeeds`): located at that entry's field
        loc = (
            (*loc, refusal.fields["entry_field"])
            if loc
            else _entry_of(root, refusal.fields["code"], refusal.fields["entry_field"])
        )
    found = None
    if err["type"] not in ("missing", "value_error"):
        shown = repr(err.get("input"))
        found = shown if len(shown) <= 60 else shown[:57] + "..."
    line, path = _line_of(root, loc), _dotted(loc)
    if err["type"] == "missing":
        return located(file, "datafile.missing", line=line, path=path, found=found)
    return located(file, "datafile.invalid", line=line, path=path, found=found, detail=validation_reason(err))


def _entry_of(root: yaml.Node | None, code: str, field: str) -> tuple[Any, ...]:
    """Where the registry's institution `code` writes `field`: ("institutions", index, field)."""
    import yaml

    root = root if isinstance(root, yaml.MappingNode) else None
    entries = next((v for k, v in root.value if k.value == "institutions"), None) if root is not None else None
    for index, entry in enumerate(entries.value if isinstance(entries, yaml.SequenceNode) else []):
        if isinstance(entry, yaml.MappingNode) and [v.value for k, v in entry.value if k.value == "code"] == [code]:
            return ("institutions", index, field)
    return ()


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow `loc` through the YAML node tree; the line of the deepest node reached."""
    import yaml

    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def places_naming(path: Path | None, code: str) -> list[str]:
    """Where the plan file `path` (None: the shipped one) names the institution `code`, each as file:line (field):
    a task's lead, partner or budget line's payer, a section 11 total."""
    path = path or DEFAULT_PLAN
    plan, nodes = _load_model(path, Plan)
    return [
        f"{path}:{_line_of(nodes.root, loc)} ({_dotted(loc)})"
        for loc, named in _institution_refs(plan)
        if named == code
    ]


def places_outside_years(path: Path | None) -> list[str]:
    """Where the plan file `path` (None: the shipped one) gives a task's budget line a year outside the plan's
    years, each as file:line (path) of its year (PlanSummary.lines_outside_years names them)."""
    path = path or DEFAULT_PLAN
    plan, nodes = _load_model(path, Plan)
    places = []
    for oi, objective in enumerate(plan.objectives):
        for ai, activity in enumerate(objective.activities):
            for ti, task in enumerate(activity.tasks):
                for bi, line in enumerate(task.budget):
                    if line.year is not None and not plan.start.year <= line.year <= plan.end.year:
                        loc = ("objectives", oi, "activities", ai, "tasks", ti, "budget", bi, "year")
                        places.append(f"{path}:{_line_of(nodes.root, loc)} ({_dotted(loc)})")
    return places


def _moved_without_successor(plan: Plan, registry: InstitutionRegistry, file: str, nodes: _Nodes) -> list[LocatedError]:
    """A body ended (`reports_until`) that no one succeeds and that leads no task and pays no line of the plan file,
    though section 11 gives it money: its tasks and lines may have been moved to another body, as for a split, but
    that body does not succeed it (a merger of two bodies, which `succeeds` cannot say). Loaded, its lines would
    count as the other's (or its predecessor's) before the change, and its section 11 figure again at its own level.
    A partner owns no line, so a body left a partner is refused too (`datafile.partner_without_successor`, naming
    those tasks), and so is a lead that pays no state-budget line of a year section 11 gives it money for while its
    tasks' lines name a payer that reports only after it (`datafile.lead_without_lines`: they were moved to it), its
    section 11 figure becoming a line of its own (Plan.account_lines, year by year) beside them, and so is a lead, or
    a payer, that pays no state-budget line of that year where a body that reports only after it pays such lines
    (`datafile.owns_no_state_lines`: its lines may have been moved to other tasks). A split's successor holds the
    old ministry's lines: it is taken for such a later body only if that ministry reports only after it. The others
    may never have had a line (or a task) of their own, which the plan cannot tell: their messages say what to do in
    both cases.
    Refused at its first figure. `nodes` is asked for its tree only to locate a refusal: a plan from the data
    folder's cache parses no YAML."""
    holds: set[str] = set()  # a lead or a payer owns lines; a partner none
    # the state-budget lines section 11 is set against, year by year (Plan.account_lines); each names its payer, a
    # lead owns none of another's
    pays = {(line.payer, line.year) for task in plan.tasks() for line in task.budget if line.source == "state-budget"}
    led: dict[str, list[tuple[str, str]]] = defaultdict(list)  # (task, payer) of the state-budget lines of its tasks
    partner_in: dict[str, list[str]] = defaultdict(list)
    lead_of: dict[str, list[str]] = defaultdict(list)
    pays_in: dict[str, list[str]] = defaultdict(list)  # the tasks it pays a line of
    for task in plan.tasks():
        holds.update(task.lead, (line.payer for line in task.budget if line.payer))
        payers = [line.payer for line in task.budget if line.source == "state-budget" and line.payer]
        for code in task.lead:
            led[code] += [(task.id, payer) for payer in payers]
            lead_of[code].append(task.id)
        for code in dict.fromkeys(line.payer for line in task.budget if line.payer):
            pays_in[code].append(task.id)
        for code in task.partners:
            partner_in[code].append(task.id)
    succeeded = Counter(before for _, before, _ in registry.successions)
    # a body that reports only after it could hold its lines, moved; a split's successor (two or more bodies
    # succeeding one) holds the old ministry's lines, divided, so it is judged as that ministry, which may itself be a
    # merged ministry that reports only after it; a merged ministry written as a split succeeds one of the bodies it
    # took over from, alone (a plan and registry cannot tell one merged into a split's successor: docs/sync.md, "A
    # merger of two bodies")
    split_from = {after: before for after, before, _ in registry.successions if succeeded[before] > 1}

    def took_over(payer: str | None, until: str) -> bool:
        while payer in split_from:
            payer = split_from[payer]
        if payer is None or payer not in registry:
            return False
        return (registry.get(payer).reports_from or "") > until

    errors, seen = [], set()
    for i, total in enumerate(plan.financial_effects.action_plan.totals):
        code = total.institution
        ended = code in registry and registry.get(code).reports_until is not None
        if total.amount <= 0 or not ended or code in succeeded or (code, total.year) in pays or code in seen:
            continue
        until = str(registry.get(code).reports_until)
        # its tasks' lines paid by a body that reports only after it: moved to it (an abolished body's tasks kept as
        # they were name payers that reported beside it)
        later = {payer for _, payer in led[code] if took_over(payer, until)}
        moved = sorted((task, payer) for task, payer in led[code] if payer in later)
        # a lead of tasks whose state-budget lines of the year others pay, or a payer of other lines, owns none to
        # set its figure against, as a partner; refused where a body that reports only after it pays state-budget
        # lines (they may be its, moved), as in a merger
        owns_none = code in holds and any(took_over(p, until) for p, _ in pays)
        if not moved and code in holds and not owns_none:
            continue
        seen.add(code)
        loc = ("financial_effects", "action_plan", "totals", i, "institution")
        line, path = _line_of(nodes.root, loc), _dotted(loc)
        if moved:
            led_tasks = ", ".join(dict.fromkeys(t for t, _ in moved))
            errors.append(located(file, "datafile.lead_without_lines", line=line, path=path, code=code, until=until,
                                  year=total.year, tasks=led_tasks, payers=", ".join(sorted(later))))  # fmt: skip
        elif owns_none:
            named = ", ".join(lead_of[code] or pays_in[code])  # the tasks it leads, else those it pays lines of
            errors.append(located(file, "datafile.owns_no_state_lines", line=line, path=path, code=code,
                                  until=until, year=total.year, tasks=named))  # fmt: skip
        elif partner_in[code]:
            errors.append(located(file, "datafile.partner_without_successor", line=line, path=path, code=code,
                                  until=until, year=total.year, tasks=", ".join(partner_in[code])))  # fmt: skip
        else:
            errors.append(located(file, "datafile.moved_without_successor", line=line, path=path, code=code,
                                  until=until, year=total.year))  # fmt: skip
    return errors


def _institution_refs(plan: Plan) -> list[tuple[tuple[Any, ...], str]]:
    """Every institution code the plan uses, with its location."""
    refs: list[tuple[tuple[Any, ...], str]] = []
    for oi, objective in enumerate(plan.objectives):
        for ai, activity in enumerate(objective.activities):
            for ti, task in enumerate(activity.tasks):
                at: tuple[Any, ...] = ("objectives", oi, "activities", ai, "tasks", ti)
                refs += [((*at, "lead", i), c) for i, c in enumerate(task.lead)]
                refs += [((*at, "partners", i), c) for i, c in enumerate(task.partners)]
                refs += [((*at, "budget", bi, "payer"), b.payer) for bi, b in enumerate(task.budget) if b.payer]
    for part_name in ("strategy", "action_plan"):
        part = getattr(plan.financial_effects, part_name)
        at = ("financial_effects", part_name)
        refs += [((*at, "totals", i, "institution"), t.institution) for i, t in enumerate(part.totals)]
        refs += [((*at, "without_expenditures", i), c) for i, c in enumerate(part.without_expenditures)]
    return refs
