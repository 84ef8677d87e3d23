"""The spreadsheet-side clients in addin/clients: Office add-in manifest and pages, Apps Script, VBA; docs/addin.md.

Static checks run everywhere. Where Node.js is installed, apmon.js runs against a fake Office.js and apmon.gs runs
together with xlwings' own Apps Script client (js/xlwings.js from the installed package) against a fake
SpreadsheetApp, so the request each client sends and the actions it applies are checked, not only the text.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import typer.main

from apmon.addin.functions import EXTRA_ACTIONS
from apmon.addin.server import ACTIONS_HEADER, MERGED_HEADER
from apmon.schemas.messages import catalogue, text_of
from apmon.schemas.messages_addin import APPS_SCRIPT_TEXTS, OFFICE_TEXTS
from apmon.schemas.tables import REGISTER_SHEET, Table, TableColumn
from apmon.schemas.text import Lang
from apmon.sync.writers import write_master_google
from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "addin" / "clients"
DOC = ROOT / "docs" / "addin.md"
# xlwings' files and version, read without importing it: imported before apmon.addin.functions sets its licence key,
# xlwings would have no remote engine for the other test modules of the run.
_XLWINGS = importlib.util.find_spec("xlwings")
assert _XLWINGS is not None and _XLWINGS.origin is not None
XLWINGS_DIR = Path(_XLWINGS.origin).parent
XLWINGS_VERSION = importlib.metadata.version("xlwings")
BASE = "https://apmon.example.gov.rs"
ENDPOINTS = {"validate", "submit", "consolidate"}
COMMANDS = {"apmonValidate": "Proveri", "apmonSubmit": "Dostavi", "apmonConsolidate": "Objedini"}

NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"
fake_google = fake_google_fixture


def text(name: str) -> str:
    return (CLIENTS / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- manifest.xml


@pytest.fixture(scope="module")
def manifest() -> ET.Element:
    return ET.parse(CLIENTS / "manifest.xml").getroot()


def resources(root: ET.Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iterfind(".//ov:Resources//*[@id]", NS):
        assert element.get("id") not in found, f"resource id {element.get('id')} defined twice"
        found[element.get("id", "")] = element.get("DefaultValue", "")
    return found


def test_manifest_is_a_task_pane_add_in_for_excel(manifest: ET.Element) -> None:
    assert manifest.tag == f"{{{NS['o']}}}OfficeApp"
    assert manifest.get(XSI_TYPE) == "TaskPaneApp"
    uuid.UUID(manifest.findtext("o:Id", namespaces=NS) or "")
    assert [h.get("Name") for h in manifest.iterfind("o:Hosts/o:Host", NS)] == ["Workbook"]
    assert manifest.findtext("o:Permissions", namespaces=NS) == "ReadWriteDocument"
    (host,) = manifest.iterfind("ov:VersionOverrides/ov:Hosts/ov:Host", NS)
    assert host.get(XSI_TYPE) == "Workbook"
    tab = host.find("ov:DesktopFormFactor/ov:ExtensionPoint/ov:CustomTab", NS)
    assert tab is not None
    tab_label = tab.find("ov:Label", NS)
    assert tab_label is not None
    assert resources(manifest)[tab_label.get("resid", "")] == "apmon"


def test_manifest_has_the_three_commands_in_the_function_file(manifest: ET.Element) -> None:
    res = resources(manifest)
    function_file = manifest.find(".//ov:DesktopFormFactor/ov:FunctionFile", NS)
    assert function_file is not None
    assert res[function_file.get("resid", "")] == f"{BASE}/addin/commands.html"

    commands = {}
    for control in manifest.iterfind(".//ov:Control", NS):
        action = control.find("ov:Action", NS)
        assert action is not None
        if action.get(XSI_TYPE) == "ExecuteFunction":
            label = control.find("ov:Label", NS)
            assert label is not None
            commands[action.findtext("ov:FunctionName", namespaces=NS)] = res[label.get("resid", "")]
    assert commands == COMMANDS

    # apmon.js, loaded by commands.html, defines and associates exactly these names
    js = text("apmon.js")
    for name in COMMANDS:
        assert f'root.Office.actions.associate("{name}", {name});' in js
        assert f"root.{name} = {name};" in js


def test_manifest_ids_and_resource_references_resolve(manifest: ET.Element) -> None:
    res = resources(manifest)
    assert all(len(key) <= 32 for key in res), "resource ids are limited to 32 characters"
    for element in manifest.iter():
        if element.get("resid") is not None:
            assert element.get("resid") in res, f"unresolved resid {element.get('resid')}"
    control_ids = [c.get("id") for c in manifest.iterfind(".//ov:Control", NS)]
    group_ids = [g.get("id") for g in manifest.iterfind(".//ov:Group", NS)]
    assert len(set(control_ids + group_ids)) == len(control_ids + group_ids)
    (taskpane,) = [a for a in manifest.iterfind(".//ov:Action", NS) if a.get(XSI_TYPE) == "ShowTaskpane"]
    source = taskpane.find("ov:SourceLocation", NS)
    assert source is not None
    assert res[source.get("resid", "")] == f"{BASE}/addin/taskpane.html"


def test_every_manifest_url_uses_the_one_base_placeholder(manifest: ET.Element) -> None:
    urls = [
        value
        for element in manifest.iter()
        for value in [element.get("DefaultValue") or "", element.text or ""]
        if value.strip().startswith("http")
    ]
    assert len(urls) >= 8
    for url in urls:
        assert url.strip() == BASE or url.strip().startswith(BASE + "/"), url
    # the pages it points at are shipped (icons are the ministry's own: docs/addin.md)
    for url in urls:
        path = url.strip().removeprefix(BASE)
        if path.startswith("/addin/") and path.endswith(".html"):
            assert (CLIENTS / path.removeprefix("/addin/")).is_file(), path
    raw = (CLIENTS / "manifest.xml").read_text(encoding="utf-8")
    hosts = set(re.findall(r"https://([^/\"<\s]+)", raw)) - {"schemas.microsoft.com"}
    assert hosts == {"apmon.example.gov.rs"}


# manifest resource id -> the catalogue key of its text (schemas/messages_addin.py, OFFICE_TEXTS)
MANIFEST_STRINGS = {
    "Apmon.Tab.Label": "manifest.tab",
    "Apmon.Group.Label": "manifest.group",
    "Apmon.Validate.Label": "manifest.validate",
    "Apmon.Submit.Label": "manifest.submit",
    "Apmon.Consolidate.Label": "manifest.consolidate",
    "Apmon.Token.Label": "manifest.token",
    "Apmon.Validate.Tip": "manifest.validate_tip",
    "Apmon.Submit.Tip": "manifest.submit_tip",
    "Apmon.Consolidate.Tip": "manifest.consolidate_tip",
    "Apmon.Token.Tip": "manifest.token_tip",
}
# Office's locale names for apmon's languages: the default (DefaultLocale) and the overrides
OFFICE_LOCALES: dict[str, Lang] = {"en-US": "en", "sr-Cyrl-RS": "sr-Cyrl"}


def overrides(element: ET.Element, prefix: str) -> dict[str, str]:
    found = {o.get("Locale", ""): o.get("Value", "") for o in element.iterfind(f"{prefix}:Override", NS)}
    assert len(found) == len(element.findall(f"{prefix}:Override", NS)), "a locale overridden twice"
    return found


def test_manifest_is_in_serbian_latin_with_english_and_cyrillic_overrides(manifest: ET.Element) -> None:
    assert manifest.findtext("o:DefaultLocale", namespaces=NS) == "sr-Latn-RS"
    wanted = {"DisplayName": "manifest.name", "Description": "manifest.description"}
    for tag, key in wanted.items():
        element = manifest.find(f"o:{tag}", NS)
        assert element is not None
        assert element.get("DefaultValue") == text_of(key, "sr-Latn")
        assert overrides(element, "o") == {locale: text_of(key, lang) for locale, lang in OFFICE_LOCALES.items()}
    strings = list(manifest.iterfind(".//ov:Resources/bt:ShortStrings/bt:String", NS))
    strings += list(manifest.iterfind(".//ov:Resources/bt:LongStrings/bt:String", NS))
    assert {s.get("id") for s in strings} == set(MANIFEST_STRINGS)
    for string in strings:
        key = MANIFEST_STRINGS[string.get("id", "")]
        assert string.get("DefaultValue") == text_of(key, "sr-Latn"), key
        assert overrides(string, "bt") == {locale: text_of(key, lang) for locale, lang in OFFICE_LOCALES.items()}, key
        assert len(string.get("DefaultValue", "")) <= (125 if "Label" in string.get("id", "") else 250)
    assert text_of("manifest.validate", "en") == "Validate" and text_of("manifest.validate", "sr-Cyrl") == "Провери"


def js_texts() -> dict[str, list[str]]:
    found = re.search(r"\n  var TEXTS = (\{\n.*?\n  \});\n", text("apmon.js"), re.S)
    assert found is not None
    texts: dict[str, list[str]] = json.loads(found.group(1))
    return texts


def test_the_add_in_pages_say_the_catalogue_texts() -> None:
    texts = js_texts()
    assert texts == {key: list(OFFICE_TEXTS[key]) for key in texts}
    js = text("apmon.js")
    used = set(re.findall(r'\bt\("([\w.]*\w)"[,)]', js)) | {f"manifest.{name}" for name in ENDPOINTS}
    assert "[401, 403, 413, 429].indexOf(status)" in js  # the refusals explained, else the plain one
    used |= {"pane.refused", "pane.refused.401", "pane.refused.403", "pane.refused.413", "pane.refused.429"}
    used |= {"pane.refused.submits_spent", "pane.refused.too_many_calls"}  # a 429 whose X-Apmon-Refused says so
    used |= set(re.findall(r'data-text="([\w.]+)"', text("taskpane.html")))
    assert used == set(texts)
    # no text is written in two languages in the pages any more ("Serbian / English")
    assert " / " not in re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.scripts.append(values["src"] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")


def tags(name: str) -> _Tags:
    parser = _Tags()
    parser.feed(text(name))
    return parser


def test_pages_load_office_js_and_apmon_js() -> None:
    for page in ("commands.html", "taskpane.html"):
        assert tags(page).scripts == ["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "apmon.js"]
    # every element apmon.js looks up exists in the task pane
    wanted = set(re.findall(r'getElementById\("([\w-]+)"\)', text("apmon.js")))
    wanted |= {f"apmon-{name}" for name in ENDPOINTS}
    assert wanted <= tags("taskpane.html").ids


def test_apmon_js_posts_to_the_three_endpoints_with_a_bearer_token() -> None:
    js = text("apmon.js")
    assert re.search(r'var ENDPOINTS = \["validate", "submit", "consolidate"\];', js)
    assert '"../xlwings/custom-scripts-call/" + name' in js
    assert '{ auth: "Bearer " + token }' in js
    assert 'headers["Authorization"] = options.auth' in js
    assert f'var XLWINGS_VERSION = "{XLWINGS_VERSION}";' in js
    assert "localStorage" in js and "document.settings" not in js


# --------------------------------------------------------------------------- apmon.gs


def test_apps_script_calls_exactly_the_three_endpoints_with_authorization() -> None:
    gs = text("apmon.gs")
    assert set(re.findall(r'apmonCall_\("(\w+)"\)', gs)) == ENDPOINTS
    assert re.findall(r"custom-scripts-call/[\w\"' +]*", gs) == ['custom-scripts-call/" + endpoint']
    assert 'runPython(url, { auth: "Bearer " + token, headers: headers })' in gs
    assert f'var APMON_BASE_URL = "{BASE}";' in gs
    assert "PropertiesService.getScriptProperties()" in gs
    # xlwings' Apps Script client turns the auth option into the Authorization header
    client = (XLWINGS_DIR / "js" / "xlwings.js").read_text(encoding="utf-8")
    assert re.search(r"function runPython\(\s*url,\s*\{ auth = \"\"", client)
    assert 'headers["Authorization"] = auth;' in client


def test_apps_script_names_do_not_clash_with_xlwings_client() -> None:
    client = (XLWINGS_DIR / "js" / "xlwings.js").read_text(encoding="utf-8")
    gs = text("apmon.gs")
    declared = r"^(?:function\s+(\w+)|(?:var|let|const)\s+(\w+))"
    ours = {a or b for a, b in re.findall(declared, gs, re.M)}
    theirs = {a or b for a, b in re.findall(declared, client, re.M)}
    assert {"onOpen", "apmonValidate", "apmonSubmit", "apmonConsolidate", "apmonSetToken"} <= ours
    assert not ours & theirs, ours & theirs


# --------------------------------------------------------------------------- apmon.bas


def vba_procedures(source: str) -> set[str]:
    return {name.lower() for name in re.findall(r"^(?:Public |Private )?(?:Sub|Function) (\w+)", source, re.M | re.I)}


def test_vba_module_calls_exactly_the_three_endpoints_with_authorization() -> None:
    raw = (CLIENTS / "apmon.bas").read_bytes()
    raw.decode("ascii")  # the VBA editor imports in the system code page: keep it ASCII
    assert b"\n" not in raw.replace(b"\r\n", b""), "VBA modules use CRLF line ends"
    bas = raw.decode("ascii")
    assert bas.startswith('Attribute VB_Name = "apmon"\r\n')
    assert set(re.findall(r'ApmonCall "(\w+)"', bas)) == ENDPOINTS
    assert re.findall(r"custom-scripts-call/[\w\"' &]*", bas) == ['custom-scripts-call/" & endpoint']
    assert re.search(
        r'RunServerPython APMON_BASE_URL & "/xlwings/custom-scripts-call/" & endpoint, _\r\n\s+'
        r'auth:="Bearer " & token, headers:=headers, timeout:=timeoutMs',
        bas,
    )
    assert f'Private Const APMON_BASE_URL As String = "{BASE}"' in bas
    assert {"apmonvalidate", "apmonsubmit", "apmonconsolidate", "apmonsettoken"} <= vba_procedures(bas)


def test_vba_module_matches_xlwings_run_server_python() -> None:
    remote = (XLWINGS_DIR / "addin" / "Remote.bas").read_text(encoding="utf-8")
    signature = re.search(r"Function RunServerPython\((.*?)\n\)", remote, re.S)
    assert signature is not None
    params = re.findall(r"(?:Optional )?(\w+) As", signature.group(1))
    assert params[:2] == ["url", "auth"] and "timeout" in params
    assert 'myRequest.AddHeader "Authorization", auth' in remote
    # the modules the doc and the module header list exist in the installed xlwings
    bas = text("apmon.bas")
    doc = DOC.read_text(encoding="utf-8")
    modules = ["xlwings.bas"] + [
        f"addin/{m}"
        for m in (
            "Dictionary.cls",
            "Remote.bas",
            "WebClient.cls",
            "WebRequest.cls",
            "WebResponse.cls",
            "WebHelpers.bas",
            "IWebAuthenticator.cls",
        )
    ]
    for module in modules:
        assert (XLWINGS_DIR / module).is_file(), module
        assert module.replace("/", "\\") in bas
        assert f"`{module}`" in doc
    # no procedure of apmon.bas shadows one of xlwings' (actions are run by name with Application.Run)
    xlwings_procs: set[str] = set()
    for module in modules:
        xlwings_procs |= vba_procedures((XLWINGS_DIR / module).read_text(encoding="utf-8"))
    assert not vba_procedures(bas) & xlwings_procs


def test_vba_module_sends_the_merged_ranges_in_a_header() -> None:
    """VBA cannot run here: the module is read. RunServerPython builds the payload from the values, so apmon.bas
    walks each worksheet's used range (RunServerPython's sheets: wb.Worksheets, positions from 0) and sends each
    merged area once, from its first cell, in the header the server reads (the payload tests in test_addin.py send
    the same header from openpyxl's merged ranges)."""
    bas = text("apmon.bas")
    remote = (XLWINGS_DIR / "addin" / "Remote.bas").read_text(encoding="utf-8")
    assert "For i = 1 To wb.Worksheets.Count" in remote and "headers.Keys" in remote  # what the module relies on
    assert f'Private Const APMON_MERGED_HEADER As String = "{MERGED_HEADER}"' in bas
    assert f'Private Const APMON_ACTIONS_HEADER As String = "{ACTIONS_HEADER}"' in bas
    assert f'headers.Add APMON_ACTIONS_HEADER, "{",".join(EXTRA_ACTIONS)}"' in bas  # the three it applies, below
    walk = re.search(r"Private Function ApmonMergedRanges\(.*?End Function", bas, re.S)
    assert walk is not None
    for step in (
        "For i = 1 To wb.Worksheets.Count",
        ".UsedRange.MergeCells",
        "For Each cell In ",
        "cell.MergeArea.Cells(1, 1).Address",
        'CStr(i - 1) & "!" & cell.MergeArea.Address(False, False)',
    ):
        assert step in walk.group(0), step
    assert re.search(r"RunServerPython .*headers:=headers", bas.replace(" _\r\n", " "), re.S)


def test_quickstart_standalone_has_no_server_client() -> None:
    """Why addin/xlsm.py does not exist: the standalone quickstart's VBA project lacks RunServerPython."""
    import zipfile

    with zipfile.ZipFile(XLWINGS_DIR / "quickstart_standalone.xlsm") as xlsm:
        project = xlsm.read("xl/vbaProject.bin")
    for present in ("xlwings", "Dictionary", "Module1"):
        assert present.encode("utf-16-le") in project
    for absent in ("Remote", "WebClient", "WebRequest"):
        assert absent.encode("utf-16-le") not in project
    assert not (ROOT / "addin" / "xlsm.py").exists()


# --------------------------------------------------------------------------- docs/addin.md


def test_doc_mentions_every_command_it_asks_people_to_run() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for command in (
        "apmon serve --host 127.0.0.1",
        "apmon token issue --institution",
        "apmon token issue --coordinator",
        "apmon token revoke",
        "apmon token list",
    ):
        assert command in doc, command
    for topic in (
        "client_max_body_size",
        "proxy_set_header",
        "ssl_certificate",
        "XLWINGS_LICENSE_KEY=noncommercial",
        "PolyForm Noncommercial",
        "Upload My Add-in",
        "Integrated apps",
        "Extensions > Apps Script",
        "File > Import File",
        ".xlsm",
        "localStorage",
        "Script Properties",
        "plain e-mail",
    ):
        assert topic in doc, topic
    for label in ("Proveri", "Dostavi", "Objedini"):
        assert f"**{label}**" in doc


def doc_commands() -> list[list[str]]:
    doc = DOC.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", doc, re.S):
        lines += [shlex.split(line.split("#")[0])[1:] for line in block.splitlines() if line.startswith("apmon ")]
    lines += [line.split() for line in re.findall(r"^ExecStart=\S*/apmon (.*)$", doc, re.M)]
    lines += [span.split()[1:] for span in re.findall(r"`(apmon [^`]+)`", doc)]
    return lines


def test_doc_commands_exist_in_the_cli() -> None:
    from apmon.cli.app import app

    root = typer.main.get_command(app)
    names = getattr(root, "commands", {})
    if "serve" not in names or "token" not in names:
        pytest.skip("apmon serve / apmon token are not in the command line yet (the add-in server is built separately)")
    for words in doc_commands():
        command: Any = root
        options = [w for w in words if w.startswith("-")]
        for word in [w for w in words if not w.startswith("-")]:
            sub = getattr(command, "commands", {})
            if word not in sub:
                break  # an argument, not a subcommand
            command = sub[word]
        known = {opt for param in command.params for opt in param.opts} | {"--help"}
        assert set(options) <= known, (words, known)


# --------------------------------------------------------------------------- running the clients (Node.js)

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

OFFICE_HARNESS = r"""
const vm = require("vm");
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ops = [], fetches = [], dialogs = [], associated = {};

function colName(c) { let s = ""; c += 1; while (c > 0) { const m = (c - 1) % 26; s = String.fromCharCode(65 + m) + s;
  c = Math.floor((c - 1) / 26); } return s; }
function a1(r, c, nr, nc) { const tl = colName(c) + (r + 1);
  return nr === 1 && nc === 1 ? tl : tl + ":" + colName(c + nc - 1) + (r + nr); }
function parseCell(s) { const m = /^([A-Z]+)(\d+)$/.exec(s); let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64; return [parseInt(m[2], 10) - 1, c - 1]; }
function quote(name) { return /^[A-Za-z0-9_]+$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'"; }

function collection(items) {
  return { items, load() { return this; },
    add(name, ref) { ops.push(["nameAdd", name, typeof ref === "string" ? ref : ref.address]); },
    getItemOrNullObject(name) { return { delete() { ops.push(["nameDelete", name]); } }; } };
}
class Range {
  constructor(sheet, r, c, nr, nc) { Object.assign(this, { sheet, r, c, nr, nc, isNullObject: false }); }
  load() { return this; }
  get address() { return quote(this.sheet.name) + "!" + a1(this.r, this.c, this.nr, this.nc); }
  get local() { return a1(this.r, this.c, this.nr, this.nc); }
  get values() { const out = []; for (let i = 0; i < this.nr; i++) { const row = [];
    for (let j = 0; j < this.nc; j++) row.push(((this.sheet.values[this.r + i] || [])[this.c + j]) ?? "");
    out.push(row); } return out; }
  set values(v) { ops.push(["values", this.sheet.name, this.local, v]);
    v.forEach((row, i) => row.forEach((x, j) => { (this.sheet.values[this.r + i] ||= [])[this.c + j] = x; })); }
  get numberFormatCategories() { return this.values.map((row, i) => row.map((x, j) =>
    (this.sheet.dates || []).includes(a1(this.r + i, this.c + j, 1, 1)) ? "Date" : "General")); }
  getLastCell() { return new Range(this.sheet, this.r + this.nr - 1, this.c + this.nc - 1, 1, 1); }
  getMergedAreasOrNullObject() { const spans = this.sheet.merged, sheet = this.sheet;
    return { isNullObject: spans.length === 0, load() { return this; },
      areas: { items: spans.map((span) => ({ address: quote(sheet.name) + "!" + span })) } }; }
  clear(what) { ops.push(["clear", this.sheet.name, this.local, what]); }
  merge(across) { ops.push(["merge", this.sheet.name, this.local, across]); }
  unmerge() { ops.push(["unmerge", this.sheet.name, this.local]); }
  get format() { const self = this; return {
    fill: { set color(v) { ops.push(["color", self.sheet.name, self.local, v]); } },
    set wrapText(v) { ops.push(["wrapText", self.sheet.name, self.local, v]); },
    set rowHeight(v) { ops.push(["rowHeight", self.sheet.name, self.local, v]); },
    autofitColumns() { ops.push(["autofit", self.sheet.name, self.local, "columns"]); },
    autofitRows() { ops.push(["autofit", self.sheet.name, self.local, "rows"]); } }; }
  set numberFormat(v) { ops.push(["numberFormat", this.sheet.name, this.local, v]); }
  set hyperlink(v) { ops.push(["hyperlink", this.sheet.name, this.local, v]); }
  select() { ops.push(["select", this.sheet.name, this.local]); }
}
class Sheet {
  constructor(book, spec) { this.book = book; this.name = spec.name; this.values = spec.values || [];
    this.dates = spec.dates || []; this.merged = spec.merged || [];
    this.names = collection((spec.names || []).map((n) => namedItem(book, n))); }
  load() { return this; }
  get position() { return this.book.sheets.indexOf(this); }
  set position(p) { const s = this.book.sheets; s.splice(s.indexOf(this), 1); s.splice(p, 0, this);
    ops.push(["position", this.name, p]); }
  getUsedRange() { let nr = 0, nc = 0; this.values.forEach((row, i) => row.forEach((x, j) => {
    if (x !== "" && x !== null && x !== undefined) { nr = Math.max(nr, i + 1); nc = Math.max(nc, j + 1); } }));
    return new Range(this, 0, 0, Math.max(nr, 1), Math.max(nc, 1)); }
  getRange(address) { if (!address) return new Range(this, 0, 0, 1048576, 16384);
    const [a, b] = address.split(":"); const [r1, c1] = parseCell(a); const [r2, c2] = parseCell(b || a);
    return new Range(this, r1, c1, r2 - r1 + 1, c2 - c1 + 1); }
  getRangeByIndexes(r, c, nr, nc) { return new Range(this, r, c, nr, nc); }
  activate() { ops.push(["activate", this.name]); }
  delete() { ops.push(["deleteSheet", this.name]); this.book.sheets.splice(this.book.sheets.indexOf(this), 1); }
}
function namedItem(book, n) {
  return { name: n.name, type: "Range", getRangeOrNullObject() {
    if (n.broken) return { isNullObject: true, load() { return this; } };
    return book.sheets.find((s) => s.name === n.sheet).getRange(n.address); } };
}
const book = { sheets: [] };
book.sheets = input.book.sheets.map((spec) => new Sheet(book, spec));
const workbook = {
  name: input.book.name, load() { return this; },
  worksheets: { get items() { return book.sheets; }, load() { return this; },
    getActiveWorksheet() { return book.sheets[input.book.active]; },
    add(name) { const s = new Sheet(book, { name }); book.sheets.push(s); ops.push(["addSheet", name]); return s; },
    getItem(name) { return book.sheets.find((s) => s.name === name); } },
  names: collection((input.book.names || []).map((n) => namedItem(book, n))),
  getSelectedRange() { return book.sheets[input.book.active].getRange(input.book.selection); },
};
const storage = {};
if (input.token) storage["apmon.token"] = input.token;
const sandbox = {
  console, URL, setTimeout, JSON,
  location: { href: input.href },
  document: { getElementById() { return null; } },
  localStorage: { getItem: (k) => storage[k] ?? null, setItem: (k, v) => { storage[k] = v; },
    removeItem: (k) => { delete storage[k]; } },
  fetch: async (url, init) => { fetches.push({ url, headers: init.headers, payload: JSON.parse(init.body) });
    if (input.network_down) throw new TypeError("Failed to fetch");
    return { status: input.response.status, text: async () => JSON.stringify(input.response.body),
      headers: { get: (name) => (input.response.headers || {})[name] ?? null } }; },
  Excel: { ClearApplyTo: { all: "All", contents: "Contents", formats: "Formats" },
    run: async (fn) => fn({ workbook, sync: async () => {} }) },
  Office: {
    onReady(cb) { cb({}); return Promise.resolve(); },
    actions: { associate(name, fn) { associated[name] = fn; } },
    AsyncResultStatus: { Failed: "failed", Succeeded: "succeeded" },
    EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
    context: { contentLanguage: "sr-Latn-RS", displayLanguage: input.display_language,
      requirements: { isSetSupported: () => true },
      ui: { displayDialogAsync(url, options, cb) { dialogs.push(Object.fromEntries(new URL(url).searchParams));
        cb({ status: "succeeded", value: { close() {}, addEventHandler(type, handler) {
          if (type === "message") setTimeout(() => handler({ message: "ok" }), 0); } } }); } } },
  },
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(input.script, "utf8"), sandbox);
new Promise((resolve) => associated[input.command]({ completed: resolve })).then(() => {
  process.stdout.write(JSON.stringify({ ops, fetches, dialogs, associated: Object.keys(associated),
    endpoint: sandbox.apmon.endpointUrl("consolidate"), lang: sandbox.apmon.lang(),
    texts: Object.fromEntries((input.text_keys || []).map((k) => [k, sandbox.apmon.text(k, input.fields)])) }));
});
"""

GOOGLE_HARNESS = r"""
const vm = require("vm");
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const fetches = [], alerts = [], menus = [], ops = [], labels = [], prompts = [];
const props = {};
if (input.token) props.APMON_TOKEN = input.token;
function range(sheet, r, c, nr, nc) { return {
  getValues() { const out = []; for (let i = 0; i < nr; i++) { const row = [];
    for (let j = 0; j < nc; j++) row.push(((sheet.values[r - 1 + i] || [])[c - 1 + j]) ?? ""); out.push(row); }
    return out; },
  setValues(v) { ops.push(["values", sheet.name, r, c, v]); },
  setBackground(color) { ops.push(["color", sheet.name, r, c, nr, nc, color]); },
  merge() { ops.push(["merge", sheet.name, r, c, nr, nc]); },
  mergeAcross() { ops.push(["mergeAcross", sheet.name, r, c, nr, nc]); },
  setWrap(v) { ops.push(["wrap", sheet.name, r, c, nr, nc, v]); },
  getMergedRanges() { return sheet.merged.map((span) => ({ getA1Notation: () => span,
    breakApart: () => { ops.push(["breakApart", sheet.name, span]);
      sheet.merged = sheet.merged.filter((m) => m !== span); } })); },
  getA1Notation() { return "A1"; } }; }
const sheets = input.sheets.map((spec, i) => ({ name: spec.name, values: spec.values || [],
  merged: spec.merged || [] }));
const sheetApi = (s) => ({ getName: () => s.name, getIndex: () => sheets.indexOf(s) + 1,
  getLastRow: () => s.values.length, getLastColumn: () => Math.max(0, ...s.values.map((r) => r.length)),
  getRange: (r, c, nr, nc) => range(s, r, c, nr, nc), getImages: () => [],
  setRowHeights: (row, n, px) => ops.push(["rowHeights", s.name, row, n, px]) });
const spreadsheet = { getSheets: () => sheets.map(sheetApi), getName: () => "report",
  getSheetByName: (n) => { const s = sheets.find((x) => x.name === n); return s ? sheetApi(s) : null; },
  getActiveSheet: () => sheetApi(sheets[0]), getActiveRange: () => range(sheets[0], 1, 1, 1, 1),
  getNamedRanges: () => [], getSpreadsheetTimeZone: () => "Europe/Belgrade" };
const ui = { ButtonSet: { OK: "OK", OK_CANCEL: "OK_CANCEL" }, Button: { OK: "OK", CANCEL: "CANCEL" },
  alert: (...args) => { alerts.push(args.slice(0, 2)); return "OK"; },
  prompt: (...args) => { prompts.push(args.slice(0, 2));
    return { getSelectedButton: () => "OK", getResponseText: () => input.typed || "" }; },
  createMenu(name) { const menu = { name, items: [] }; menus.push(menu); const api = {
    addItem(label, fn) { menu.items.push(fn); labels.push(label); return api; }, addSeparator() { return api; },
    addToUi() {} };
    return api; } };
const sandbox = { console, JSON,
  SpreadsheetApp: { getActive: () => spreadsheet, getUi: () => ui, flush() {} },
  Session: { getActiveUser: () => ({ getEmail: () => "user@example.gov.rs" }) },
  PropertiesService: { getScriptProperties: () => ({ getProperty: (k) => props[k] ?? null,
    setProperty: (k, v) => { props[k] = v; }, deleteProperty: (k) => { delete props[k]; } }) },
  UrlFetchApp: { fetch(url, options) { fetches.push({ url, headers: options.headers,
    payload: JSON.parse(options.payload) });
    return { getResponseCode: () => input.response.status,
             getContentText: () => typeof input.response.body === "string" ? input.response.body
               : JSON.stringify(input.response.body) }; } } };
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(input.xlwings, "utf8"), sandbox);
vm.runInContext(fs.readFileSync(input.script, "utf8"), sandbox);
sandbox.onOpen();
if (input.call) sandbox[input.call]();
process.stdout.write(JSON.stringify({ fetches, alerts, menus, ops, props, labels, prompts }));
"""


def run_node(harness: str, data: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    script = tmp_path / "harness.js"
    script.write_text(harness, encoding="utf-8")
    data_file = tmp_path / "input.json"
    data_file.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [NODE or "node", str(script), str(data_file)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


REPORT_BOOK = {
    "name": "MUP-2018-03.xlsx",
    "active": 1,
    "selection": "C5",
    "sheets": [
        {"name": "Naslovna", "values": [["Izveštaj", ""], ["Institucija", "MUP"], ["Datum", 43160]], "dates": ["B3"]},
        {"name": "Zadaci", "values": [["Zadatak", "Status"], ["1.1.1", "u toku"]], "names": [{"name": "local"}]},
        {"name": "_apmon", "values": [["template_version", "1"], ["institution", "MUP"]]},
    ],
    "names": [
        {"name": "apmon_cover_institution", "sheet": "Naslovna", "address": "B2"},
        {"name": "broken", "broken": True},
    ],
}
REPORT_BOOK["sheets"][1]["names"] = [{"name": "statusi", "sheet": "Zadaci", "address": "B2"}]  # type: ignore[index]

VALIDATE_ACTIONS = [
    {
        "func": "rangeClearFormats",
        "args": [],
        "values": None,
        "sheet_position": 1,
        "start_row": 1,
        "start_column": 1,
        "row_count": 1,
        "column_count": 1,
    },
    {
        "func": "setRangeColor",
        "args": ["#ffc7ce"],
        "values": None,
        "sheet_position": 1,
        "start_row": 1,
        "start_column": 1,
        "row_count": 1,
        "column_count": 1,
    },
    {
        "func": "addSheet",
        "args": [3, "Issues"],
        "values": None,
        "sheet_position": None,
        "start_row": None,
        "start_column": None,
        "row_count": None,
        "column_count": None,
    },
    {
        "func": "setValues",
        "args": [],
        "values": [["Sheet", "Cell"], ["Zadaci", "B2"]],
        "sheet_position": 3,
        "start_row": 0,
        "start_column": 0,
        "row_count": 2,
        "column_count": 2,
    },
    {
        "func": "addHyperlink",
        "args": ["#'Zadaci'!B2", "B2", None],
        "values": None,
        "sheet_position": 3,
        "start_row": 1,
        "start_column": 1,
        "row_count": 1,
        "column_count": 1,
    },
    {
        "func": "setNumberFormat",
        "args": ["@"],
        "values": None,
        "sheet_position": 3,
        "start_row": 0,
        "start_column": 0,
        "row_count": 2,
        "column_count": 1,
    },
    {
        "func": "setAutofit",
        "args": ["columns"],
        "values": None,
        "sheet_position": 3,
        "start_row": 0,
        "start_column": 0,
        "row_count": 2,
        "column_count": 2,
    },
    {
        "func": "alert",
        "args": ["1 greška, 0 upozorenja", "Proveri", "ok", "info", ""],
        "values": None,
        "sheet_position": None,
        "start_row": None,
        "start_column": None,
        "row_count": None,
        "column_count": None,
    },
]


def office(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    data = {
        "script": str(CLIENTS / "apmon.js"),
        "href": f"{BASE}/addin/commands.html",
        "token": "tok-MUP",
        "command": "apmonValidate",
        "book": REPORT_BOOK,
        "response": {"status": 200, "body": {"actions": VALIDATE_ACTIONS}},
    } | overrides
    return run_node(OFFICE_HARNESS, data, tmp_path)


@needs_node
def test_office_client_sends_the_xlwings_request_and_applies_the_answer(tmp_path: Path) -> None:
    result = office(tmp_path)
    assert sorted(result["associated"]) == sorted(COMMANDS)
    (call,) = result["fetches"]
    assert call["url"] == f"{BASE}/xlwings/custom-scripts-call/validate"
    assert call["headers"] == {"Authorization": "Bearer tok-MUP", "Content-Type": "application/json"}
    payload = call["payload"]
    assert set(payload) == {"client", "version", "book", "names", "sheets"}
    assert payload["client"] == "Office.js" and payload["version"] == XLWINGS_VERSION
    assert payload["book"] == {"name": "MUP-2018-03.xlsx", "active_sheet_index": 1, "selection": "C5"}
    assert payload["names"] == [
        {
            "name": "apmon_cover_institution",
            "sheet_index": 0,
            "address": "B2",
            "scope_sheet_name": None,
            "scope_sheet_index": None,
            "book_scope": True,
        },
        {
            "name": "statusi",
            "sheet_index": 1,
            "address": "B2",
            "scope_sheet_name": "Zadaci",
            "scope_sheet_index": 1,
            "book_scope": False,
        },
    ]
    assert [s["name"] for s in payload["sheets"]] == ["Naslovna", "Zadaci", "_apmon"]
    cover = payload["sheets"][0]
    assert cover["values"][2] == ["Datum", "2018-03-01T00:00:00.000Z"]  # date cells go as ISO text, like xlwings
    assert cover["pictures"] == [] and cover["tables"] == []

    assert result["ops"] == [
        ["clear", "Zadaci", "B2", "Formats"],
        ["color", "Zadaci", "B2", "#ffc7ce"],
        ["addSheet", "Issues"],
        ["position", "Issues", 3],
        ["values", "Issues", "A1:B2", [["Sheet", "Cell"], ["Zadaci", "B2"]]],
        ["hyperlink", "Issues", "B2", {"textToDisplay": "B2", "documentReference": "'Zadaci'!B2"}],
        ["numberFormat", "Issues", "A1:A2", [["@"], ["@"]]],
        ["autofit", "Issues", "A1:B2", "columns"],
    ]
    assert result["dialogs"] == [{"dialog": "1", "title": "Proveri", "text": "1 greška, 0 upozorenja"}]


@needs_node
def test_office_client_sends_the_merged_ranges_of_each_sheet(tmp_path: Path) -> None:
    """Merged cells keep only their first cell's value: the server names an input cell merged under another only if
    the client says which cells are merged. apmon.js sends each sheet's merged ranges, without the sheet's name."""
    book = json.loads(json.dumps(REPORT_BOOK))
    book["sheets"][1]["merged"] = ["B2:B3", "D2:E2"]
    (call,) = office(tmp_path, book=book)["fetches"]
    assert [sheet["merged"] for sheet in call["payload"]["sheets"]] == [[], ["B2:B3", "D2:E2"], []]


def _line_above_actions() -> list[dict[str, Any]]:
    """What Consolidate answers for a long line above a table (addin.functions._wrap_subtitle), as xlwings' remote
    engine writes the actions: A2:I2 of the second sheet merged, wrapped, its row 3 lines of 15 points tall."""
    where = {"values": None, "sheet_position": 1, "start_row": 1, "start_column": 0, "row_count": 1}
    return [
        {"func": "rangeMerge", "args": [False], **where, "column_count": 9},
        {"func": "setWrapText", "args": [True], **where, "column_count": 9},
        {"func": "setRowHeight", "args": [45], **where, "column_count": 9},
    ]


@needs_node
def test_office_client_merges_wraps_and_sets_a_rows_height(tmp_path: Path) -> None:
    """Found after rv-f: xlwings' remote engine has these three actions, its own clients apply none of them; apmon.js
    stopped at the first, naming it. It applies them now, as Excel's Merge, Wrap Text and row height."""
    body = {"actions": _line_above_actions()}
    result = office(tmp_path, command="apmonConsolidate", response={"status": 200, "body": body})
    assert result["ops"] == [
        ["merge", "Zadaci", "A2:I2", False],
        ["wrapText", "Zadaci", "A2:I2", True],
        ["rowHeight", "Zadaci", "A2:I2", 45],
    ]
    assert result["dialogs"] == [{"dialog": "1", "title": "Objedini", "text": "Gotovo."}]  # none it could not apply


@needs_node
def test_apps_script_merges_wraps_and_sets_a_rows_height(tmp_path: Path) -> None:
    """xlwings' runPython calls each action's function by its name: apmon.gs defines the three its client lacks (it
    failed on the first). A row's height comes in points, Excel's; Google's master has 21 pixels a line of 15."""
    sheets = [
        {"name": "Pregled", "values": [["x"]]},
        {"name": "Evaluacija", "values": [["x"]]},
        {"name": "_apmon_master"},
    ]
    body = {"actions": _line_above_actions()}
    result = google(tmp_path, call="apmonConsolidate", sheets=sheets, response={"status": 200, "body": body})
    assert result["ops"] == [
        ["merge", "Evaluacija", 2, 1, 1, 9],
        ["wrap", "Evaluacija", 2, 1, 1, 9, True],
        ["rowHeights", "Evaluacija", 2, 1, 63],
    ]
    assert result["alerts"] == []


@needs_node
def test_apps_script_merges_over_a_merge_an_earlier_consolidate_left(tmp_path: Path) -> None:
    """Found by the rv-i review: a sheet's clearFormats keeps Google's merges, so A2 merged by an earlier Consolidate
    over more columns (A2:K2; the table's widths since changed) is still merged when the new merge (A2:I2) comes, and
    Google refuses to merge part of a merged range. apmon.gs breaks apart each merge the range touches first."""
    sheets = [
        {"name": "Pregled", "values": [["x"]]},
        {"name": "Evaluacija", "values": [["x"]], "merged": ["A2:K2"]},
        {"name": "_apmon_master"},
    ]
    body = {"actions": _line_above_actions()[:1]}
    result = google(tmp_path, call="apmonConsolidate", sheets=sheets, response={"status": 200, "body": body})
    assert result["ops"] == [["breakApart", "Evaluacija", "A2:K2"], ["merge", "Evaluacija", 2, 1, 1, 9]]
    assert result["alerts"] == []


def _short_line_actions() -> list[dict[str, Any]]:
    """What Consolidate answers for a line above a table that is short now, merged by an earlier Consolidate when it
    was long (addin.functions._wrap_subtitle): row 2 of the second sheet unmerged, one line of 15 points tall."""
    where = {"values": None, "sheet_position": 1, "start_row": 1, "start_column": 0, "row_count": 1}
    return [
        {"func": "rangeUnmerge", "args": [], **where, "column_count": 9},
        {"func": "setRowHeight", "args": [15], **where, "column_count": 9},
    ]


@needs_node
def test_apps_script_breaks_apart_the_merge_of_a_line_that_is_short_now(tmp_path: Path) -> None:
    """An earlier Consolidate merged A2:K2 when the line was long; the line is short now, and a sheet's clearFormats
    keeps Google's merges: the merge stayed. apmon.gs breaks apart each merge the range touches."""
    sheets = [
        {"name": "Pregled", "values": [["x"]]},
        {"name": "Evaluacija", "values": [["x"]], "merged": ["A2:K2"]},
        {"name": "_apmon_master"},
    ]
    body = {"actions": _short_line_actions()}
    result = google(tmp_path, call="apmonConsolidate", sheets=sheets, response={"status": 200, "body": body})
    assert result["ops"] == [["breakApart", "Evaluacija", "A2:K2"], ["rowHeights", "Evaluacija", 2, 1, 21]]
    assert result["alerts"] == []


@needs_node
def test_office_client_unmerges_a_line_that_is_short_now(tmp_path: Path) -> None:
    body = {"actions": _short_line_actions()}
    result = office(tmp_path, command="apmonConsolidate", response={"status": 200, "body": body})
    assert result["ops"] == [["unmerge", "Zadaci", "A2:I2"], ["rowHeight", "Zadaci", "A2:I2", 15]]
    assert result["dialogs"] == [{"dialog": "1", "title": "Objedini", "text": "Gotovo."}]  # none it could not apply


def test_vba_module_applies_the_actions_xlwings_remote_bas_lacks() -> None:
    """Remote.bas runs each action by its name (Application.Run): apmon.bas defines the three it lacks, public, with
    its procedures' parameters, and Remote.bas still defines none of them (two of one name would not compile)."""
    bas = (CLIENTS / "apmon.bas").read_bytes().decode("ascii")
    remote = (XLWINGS_DIR / "addin" / "Remote.bas").read_text(encoding="utf-8", errors="replace")
    assert 'Application.Run action("func"), wb, action' in remote
    for name in EXTRA_ACTIONS:
        assert f"Public Sub {name}(wb As Workbook, action As Dictionary)\r\n    GetRange(wb, action)." in bas, name
        assert name.lower() not in vba_procedures(remote), name
    assert "Function GetRange(wb As Workbook, action As Dictionary)" in remote


@needs_node
def test_office_client_without_token_asks_for_it_and_sends_nothing(tmp_path: Path) -> None:
    result = office(tmp_path, token="", command="apmonSubmit")
    assert result["fetches"] == [] and result["ops"] == []
    (dialog,) = result["dialogs"]
    assert "Token" in dialog["text"]


@needs_node
@pytest.mark.parametrize(
    ("status", "expected"), [(401, "nije prihvaćen"), (403, "Objedini"), (413, "prevelika"), (429, "previše pokušaja")]
)
def test_office_client_explains_refusals(tmp_path: Path, status: int, expected: str) -> None:
    result = office(
        tmp_path, command="apmonConsolidate", response={"status": status, "body": {"error": "from the server"}}
    )
    assert result["fetches"][0]["url"] == f"{BASE}/xlwings/custom-scripts-call/consolidate"
    assert result["ops"] == []
    (dialog,) = result["dialogs"]
    assert dialog["title"] == "Objedini"
    assert expected in dialog["text"] and f"HTTP {status}" in dialog["text"] and "from the server" in dialog["text"]


@needs_node
def test_office_client_tells_a_days_submits_spent_from_wrong_tokens(tmp_path: Path) -> None:
    """Both are a 429: the server's X-Apmon-Refused header names the Submits' allowance, and the officer is not told
    to paste another token."""
    answer = {"status": 429, "headers": {"X-Apmon-Refused": "submits-spent"}, "body": {"error": "from the server"}}
    (dialog,) = office(tmp_path, command="apmonSubmit", response=answer)["dialogs"]
    assert dialog["text"].startswith(text_of("pane.refused.submits_spent", "sr-Latn"))
    assert "HTTP 429" in dialog["text"] and "from the server" in dialog["text"] and "Token" not in dialog["text"]


@needs_node
def test_office_client_tells_too_many_calls_from_wrong_tokens(tmp_path: Path) -> None:
    """A token past its calls a minute gets a 429 too: the officer is told to wait, not to paste another token."""
    answer = {"status": 429, "headers": {"X-Apmon-Refused": "too-many-calls"}, "body": {"error": "from the server"}}
    (dialog,) = office(tmp_path, command="apmonValidate", response=answer)["dialogs"]
    assert dialog["text"].startswith(text_of("pane.refused.too_many_calls", "sr-Latn"))
    assert "HTTP 429" in dialog["text"] and "from the server" in dialog["text"] and "Token" not in dialog["text"]


@needs_node
@pytest.mark.parametrize(
    ("display", "lang"),
    [("sr-Latn-RS", "sr-Latn"), ("sr-Cyrl-RS", "sr-Cyrl"), ("en-US", "en"), ("en-GB", "en"), ("sr", "sr-Latn"),
     ("de-DE", "sr-Latn"), (None, "sr-Latn")],
)  # fmt: skip
def test_office_client_speaks_office_display_language(tmp_path: Path, display: str | None, lang: Lang) -> None:
    fields = {"last": "a1b2", "url": f"{BASE}/xlwings", "action": "setFormulaArray"}
    result = office(tmp_path, token="", display_language=display, text_keys=sorted(js_texts()), fields=fields)
    assert result["lang"] == lang
    assert result["dialogs"] == [{"dialog": "1", "title": "apmon", "text": text_of("pane.ask_token", lang)}]
    # every text of the pages, Cyrillic transliterated in the page as schemas.text does it in Python
    assert result["texts"] == {key: text_of(key, lang, **fields) for key in js_texts()}


@needs_node
def test_office_client_names_an_action_it_cannot_apply(tmp_path: Path) -> None:
    odd = {
        "func": "setFormulaArray",
        "args": ["=1"],
        "values": None,
        "sheet_position": 0,
        "start_row": 0,
        "start_column": 0,
        "row_count": 1,
        "column_count": 1,
    }
    result = office(tmp_path, response={"status": 200, "body": {"actions": [odd]}})
    (dialog,) = result["dialogs"]
    assert "setFormulaArray" in dialog["text"]


@needs_node
def test_office_client_finds_the_server_one_folder_above_its_pages(tmp_path: Path) -> None:
    result = office(tmp_path, href="https://intranet.example.gov.rs/apmon/addin/commands.html", network_down=True)
    assert result["endpoint"] == "https://intranet.example.gov.rs/apmon/xlwings/custom-scripts-call/consolidate"
    assert result["fetches"][0]["url"] == "https://intranet.example.gov.rs/apmon/xlwings/custom-scripts-call/validate"
    assert "nije dostupan" in result["dialogs"][0]["text"]


def google(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    data = {
        "xlwings": str(XLWINGS_DIR / "js" / "xlwings.js"),
        "script": str(CLIENTS / "apmon.gs"),
        "token": "tok-MUP",
        "sheets": [{"name": "Naslovna", "values": [["Izveštaj", "MUP"]]}, {"name": "_apmon", "values": [["a", "1"]]}],
        "response": {"status": 200, "body": {"actions": []}},
    } | overrides
    return run_node(GOOGLE_HARNESS, data, tmp_path)


@needs_node
def test_apps_script_menu_shows_consolidate_only_in_the_master(tmp_path: Path) -> None:
    template = google(tmp_path)
    assert template["menus"] == [
        {"name": "apmon", "items": ["apmonValidate", "apmonSubmit", "apmonSetToken"]},
    ]
    master = google(tmp_path, sheets=[{"name": "Overview", "values": [["x"]]}, {"name": "_apmon_master"}])
    assert master["menus"] == [
        {"name": "apmon", "items": ["apmonValidate", "apmonSubmit", "apmonConsolidate", "apmonSetToken"]},
    ]


@needs_node
def test_apps_script_posts_through_xlwings_run_python_with_the_token(tmp_path: Path) -> None:
    color = {
        "func": "setRangeColor",
        "args": ["#ffc7ce"],
        "values": None,
        "sheet_position": 0,
        "start_row": 0,
        "start_column": 1,
        "row_count": 1,
        "column_count": 1,
    }
    result = google(tmp_path, call="apmonSubmit", response={"status": 200, "body": {"actions": [color]}})
    (call,) = result["fetches"]
    assert call["url"] == f"{BASE}/xlwings/custom-scripts-call/submit"
    assert call["headers"] == {"Authorization": "Bearer tok-MUP", ACTIONS_HEADER: ",".join(EXTRA_ACTIONS)}
    assert call["payload"]["client"] == "Google Apps Script"
    assert call["payload"]["version"] == XLWINGS_VERSION
    assert [s["name"] for s in call["payload"]["sheets"]] == ["Naslovna", "_apmon"]
    assert result["ops"] == [["color", "Naslovna", 1, 2, 1, 1, "#ffc7ce"]]
    assert result["alerts"] == []


@needs_node
def test_apps_script_sends_the_merged_ranges_of_each_sheet_in_a_header(tmp_path: Path) -> None:
    """Merged cells keep only their first cell's value: the server names an input cell merged under another only if
    the client says which cells are merged. xlwings' runPython builds the payload, so apmon.gs sends them beside it,
    each with its sheet's position in the payload; without merges, only the token."""
    sheets = [
        {"name": "Naslovna", "values": [["Izveštaj", "MUP"]]},
        {"name": "Zadaci", "values": [["Zadatak", "Stanje"], ["1.1.1", "u toku"], ["1.1.2", ""]], "merged": ["B2:B3"]},
        {"name": "_apmon", "values": [["a", "1"]], "merged": ["A2:B2"]},
    ]
    (call,) = google(tmp_path, call="apmonValidate", sheets=sheets)["fetches"]
    assert call["headers"] == {
        "Authorization": "Bearer tok-MUP",
        ACTIONS_HEADER: ",".join(EXTRA_ACTIONS),
        MERGED_HEADER: "1!B2:B3,2!A2:B2",
    }
    assert [s["name"] for s in call["payload"]["sheets"]] == ["Naslovna", "Zadaci", "_apmon"]  # positions 0, 1, 2


@needs_node
def test_apps_script_cuts_the_merged_ranges_short_at_whole_ranges(tmp_path: Path) -> None:
    """A sheet merged cell by cell (a pasted table) must not make a header larger than a server takes: the list stops
    at the last whole range within 6000 characters; those left out read as before, values only."""
    spans = [f"A{row}:B{row}" for row in range(1, 1001)]
    sheets = [{"name": "Zadaci", "values": [["x"]] * 1000, "merged": spans}]
    (call,) = google(tmp_path, call="apmonValidate", sheets=sheets)["fetches"]
    header = call["headers"][MERGED_HEADER]
    assert 5900 < len(header) <= 6000
    assert header.split(",") == [f"0!{span}" for span in spans[: header.count(",") + 1]]


@needs_node
def test_apps_script_without_token_or_refused_tells_the_user(tmp_path: Path) -> None:
    no_token = google(tmp_path, token="", call="apmonValidate")
    assert no_token["fetches"] == []
    assert no_token["alerts"][0][1] == text_of("sheets.no_token", "sr-Latn")  # no `lang` row: Serbian Latin
    refused = google(tmp_path, call="apmonConsolidate", response={"status": 403, "body": {"error": "Coordinator only"}})
    assert refused["alerts"] == [["apmon", "Coordinator only"]]
    saved = google(tmp_path, token="", call="apmonSetToken", typed="  new-token  ")
    assert saved["props"] == {"APMON_TOKEN": "new-token"}


def gs_texts() -> dict[str, list[str]]:
    found = re.search(r"\nvar APMON_TEXTS = (\{\n.*?\n\});\n", text("apmon.gs"), re.S)
    assert found is not None
    texts: dict[str, list[str]] = json.loads(found.group(1))
    return texts


def test_the_apps_script_says_the_catalogue_texts() -> None:
    texts = gs_texts()
    assert texts == {key: list(catalogue()[key]) for key in texts}
    used = set(re.findall(r'\bapmonText_\("([\w.]*\w)"\)', text("apmon.gs")))
    assert used == set(texts) and set(APPS_SCRIPT_TEXTS) <= used


@needs_node
@pytest.mark.parametrize("lang", ["sr-Cyrl", "sr-Latn", "en"])
def test_the_apps_script_speaks_the_language_of_the_template(tmp_path: Path, lang: Lang) -> None:
    """A Cyrillic officer's Google template showed the menu "Proveri (Validate)" and, with no token yet, "Token nije
    postavljen: apmon > Postavi token. / No token yet: apmon > Set token.": Latin and English. The script's words are
    now the catalogue's, in the language of the template's `_apmon` sheet, as the Office add-in speaks Office's."""
    sheets = [{"name": "Насловна", "values": [["Извештај"]]}, {"name": "_apmon", "values": [["lang", lang]]}]
    no_token = google(tmp_path, token="", call="apmonValidate", sheets=sheets)
    keys = ["manifest.validate", "manifest.submit", "sheets.set_token"]
    assert no_token["labels"] == [text_of(key, lang) for key in keys]
    assert no_token["alerts"] == [["apmon", text_of("sheets.no_token", lang)]]
    saved = google(tmp_path, token="", call="apmonSetToken", typed="tok", sheets=sheets)
    assert saved["prompts"] == [["apmon", text_of("sheets.token_prompt", lang)]]
    assert saved["alerts"] == [["apmon", text_of("sheets.token_saved", lang)]]
    removed = google(tmp_path, call="apmonSetToken", typed=" ", sheets=sheets)
    assert removed["alerts"] == [["apmon", text_of("sheets.token_removed", lang)]]
    page = "<html><body>502 Bad Gateway</body></html>"  # a proxy in front of apmon, not apmon's JSON
    down = google(tmp_path, call="apmonValidate", sheets=sheets, response={"status": 502, "body": page})
    assert down["alerts"] == [["apmon", text_of("sheets.refused", lang) + "\n\n" + page]]


@needs_node
def test_the_apps_script_speaks_cyrillic_in_a_cyrillic_master(tmp_path: Path) -> None:
    """The master has no `_apmon` sheet: its sheets' names tell a Cyrillic one (master_lang sr-Cyrl)."""
    sheets = [{"name": "Преглед", "values": [["x"]]}, {"name": "_apmon_master", "values": [["Преглед"]]}]
    master = google(tmp_path, token="", call="apmonConsolidate", sheets=sheets)
    keys = ["manifest.validate", "manifest.submit", "manifest.consolidate", "sheets.set_token"]
    assert master["labels"] == [text_of(key, "sr-Cyrl") for key in keys]
    assert master["alerts"] == [["apmon", text_of("sheets.no_token", "sr-Cyrl")]]


@needs_node
@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_the_apps_script_speaks_the_language_of_the_google_master_as_apmon_writes_it(
    fake_google: FakeGoogle, tmp_path: Path, lang: Lang
) -> None:
    """An English master in Google Sheets showed "Proveri", "Objedini" and "Token nije postavljen": it has no
    `_apmon` sheet and no Cyrillic sheet name, so the script fell back to Serbian Latin. Its register, as the sync's
    Google writer leaves it (read back through the Sheets API, as the script reads it), now says the master's
    language, and the sheets' names play no part in it (the sheet here is named in Serbian Latin whatever the
    language)."""
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(max_attempts=1))
    master = fake_google.add_spreadsheet("apmon master", {"Beleske": [["moje"]]})
    table = Table(
        sheet="Dostave", title="x", subtitle="", columns=[TableColumn(key="code", header="Institucija")], rows=[["MUP"]]
    )
    write_master_google(client, master, [table], lang=lang)
    written = client.open_by_key(master)
    sheets = [{"name": ws.title, "values": ws.get_all_values()} for ws in written.worksheets()]
    assert REGISTER_SHEET in [sheet["name"] for sheet in sheets]

    result = google(tmp_path, token="", call="apmonConsolidate", sheets=sheets)
    keys = ["manifest.validate", "manifest.submit", "manifest.consolidate", "sheets.set_token"]
    assert result["labels"] == [text_of(key, lang) for key in keys]
    assert result["alerts"] == [["apmon", text_of("sheets.no_token", lang)]]
