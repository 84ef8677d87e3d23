/**
 * apmon for Google Sheets: a menu "apmon" with Proveri (Validate), Dostavi (Submit), Objedini (Consolidate,
 * shown only in the National Coordinator's master) and Postavi token (Set token), in the spreadsheet's language
 * (a template's `_apmon` sheet says it, a master's `_apmon_master` register too; else Serbian Latin).
 *
 * Goes into the spreadsheet's own Apps Script project (Extensions > Apps Script) as the file apmon.gs,
 * NEXT TO a second file xlwings.gs holding xlwings' Google Apps Script client, copied unchanged from
 * the xlwings 0.37.8 package (xlwings/js/xlwings.js; `xlwings copy gs` puts it on the clipboard).
 * That file defines runPython(url, {auth, apiKey, include, exclude, headers}), which sends the sheets
 * to the server and applies the actions it answers with. Use the same xlwings version as the server:
 * the server refuses a client of another version.
 *
 * The token is kept in the Script Properties of this spreadsheet's script (key APMON_TOKEN), set once
 * with apmon > Postavi token. Everyone who can edit this spreadsheet can open the script editor and
 * read it: share the institution's copy for editing only with the institution's own staff.
 *
 * Replace https://apmon.example.gov.rs below with the ministry's apmon address (docs/addin.md).
 */

var APMON_BASE_URL = "https://apmon.example.gov.rs";
var APMON_TOKEN_PROPERTY = "APMON_TOKEN";
var APMON_TEMPLATE_SHEET = "_apmon"; // hidden metadata sheet of every report template
var APMON_MASTER_SHEET = "_apmon_master"; // hidden register sheet of the master workbook
var APMON_MERGED_HEADER = "X-Apmon-Merged"; // each sheet's merged ranges, which runPython does not send
// The actions this file applies beyond xlwings.js' own (below): an older file names fewer or none (the header left
// out), and Consolidate sends it only those it names
var APMON_ACTIONS_HEADER = "X-Apmon-Actions";
var APMON_ACTIONS = "rangeMerge,rangeUnmerge,setWrapText,setRowHeight";
var APMON_MERGED_LIMIT = 6000; // characters: about 500 merged ranges, well inside a server's header limit

// The script's words from the one catalogue (schemas/messages_addin.py: OFFICE_TEXTS "manifest.*", APPS_SCRIPT_TEXTS):
// key -> [Serbian Latin, English]; tests/test_addin_clients.py checks they are the catalogue's. Cyrillic is
// transliterated here, as schemas/text.py does it.
var APMON_TEXTS = {
  "manifest.validate": ["Proveri", "Validate"],
  "manifest.submit": ["Dostavi", "Submit"],
  "manifest.consolidate": ["Objedini", "Consolidate"],
  "sheets.set_token": ["Postavi token", "Set token"],
  "sheets.token_prompt": ["Nalepite token koji ste dobili od administratora.", "Paste the token you were given by the administrator."],
  "sheets.token_saved": ["Token je sačuvan.", "The token is saved."],
  "sheets.token_removed": ["Token je uklonjen.", "The token is removed."],
  "sheets.no_token": ["Token nije postavljen: apmon > Postavi token.", "No token yet: apmon > Set token."],
  "sheets.refused": ["Server apmon je odgovorio greškom ili nije dostupan:", "The apmon server answered with an error or cannot be reached:"]
};

function onOpen() {
  var menu = SpreadsheetApp.getUi()
    .createMenu("apmon")
    .addItem(apmonText_("manifest.validate"), "apmonValidate")
    .addItem(apmonText_("manifest.submit"), "apmonSubmit");
  if (apmonIsMaster_()) {
    menu.addItem(apmonText_("manifest.consolidate"), "apmonConsolidate");
  }
  menu.addSeparator().addItem(apmonText_("sheets.set_token"), "apmonSetToken").addToUi();
}

function apmonValidate() {
  apmonCall_("validate");
}

function apmonSubmit() {
  apmonCall_("submit");
}

function apmonConsolidate() {
  apmonCall_("consolidate");
}

function apmonSetToken() {
  var ui = SpreadsheetApp.getUi();
  var answer = ui.prompt("apmon", apmonText_("sheets.token_prompt"), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) {
    return;
  }
  var token = answer.getResponseText().trim();
  var properties = PropertiesService.getScriptProperties();
  if (token) {
    properties.setProperty(APMON_TOKEN_PROPERTY, token);
    ui.alert("apmon", apmonText_("sheets.token_saved"), ui.ButtonSet.OK);
  } else {
    properties.deleteProperty(APMON_TOKEN_PROPERTY);
    ui.alert("apmon", apmonText_("sheets.token_removed"), ui.ButtonSet.OK);
  }
}

// The spreadsheet's language: a template's `_apmon` sheet says it (row "lang"); a master's register says the
// language apmon wrote its sheets in (column "lang": D1 names it, D2 holds it; sync/writers.py register_rows). A
// master written before the register kept it has Cyrillic sheet names when it is Cyrillic; else Serbian Latin, the
// default of everything apmon shows.
function apmonLang_() {
  var book = SpreadsheetApp.getActive();
  var langs = ["sr-Latn", "sr-Cyrl", "en"];
  var meta = book.getSheetByName(APMON_TEMPLATE_SHEET);
  if (meta !== null && meta.getLastRow() > 0 && meta.getLastColumn() > 1) {
    var rows = meta.getRange(1, 1, meta.getLastRow(), 2).getValues();
    for (var i = 0; i < rows.length; i++) {
      if (rows[i][0] === "lang" && langs.indexOf(rows[i][1]) >= 0) {
        return rows[i][1];
      }
    }
  }
  var register = book.getSheetByName(APMON_MASTER_SHEET);
  if (register !== null && register.getLastRow() > 1 && register.getLastColumn() > 0) {
    var head = register.getRange(1, 1, 2, register.getLastColumn()).getValues();
    var at = head[0].indexOf("lang");
    if (at >= 0 && langs.indexOf(head[1][at]) >= 0) {
      return head[1][at];
    }
  }
  var cyrillic = book.getSheets().some(function (sheet) {
    return /[\u0400-\u04FF]/.test(sheet.getName());
  });
  return cyrillic ? "sr-Cyrl" : "sr-Latn";
}

// The text `key` in the spreadsheet's language.
function apmonText_(key) {
  var lang = apmonLang_();
  var text = APMON_TEXTS[key][lang === "en" ? 1 : 0];
  return lang === "sr-Cyrl" ? apmonToCyrillic_(text) : text;
}

// Serbian Latin -> Cyrillic as schemas/text.py does it: digraphs first; "apmon" and words with q, w, x, y stay.
function apmonToCyrillic_(text) {
  var digraphs = { dž: "џ", lj: "љ", nj: "њ", Dž: "Џ", DŽ: "Џ", Lj: "Љ", LJ: "Љ", Nj: "Њ", NJ: "Њ" };
  var latin = "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ";
  var cyrillic = "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ";
  return text.replace(/\S+/g, function (word) {
    var core = word.replace(/^[.,;:!?()"']+|[.,;:!?()"']+$/g, "");
    if (/[qwxyQWXY]/.test(core) || core.toLowerCase() === "apmon") {
      return word;
    }
    var out = "";
    for (var i = 0; i < word.length; i++) {
      var pair = word.slice(i, i + 2);
      if (digraphs[pair]) {
        out += digraphs[pair];
        i += 1;
      } else {
        var at = latin.indexOf(word[i]);
        out += at >= 0 ? cyrillic[at] : word[i];
      }
    }
    return out;
  });
}

// The master has the register sheet once consolidated; a fresh master has no report metadata sheet.
function apmonIsMaster_() {
  var book = SpreadsheetApp.getActive();
  return book.getSheetByName(APMON_MASTER_SHEET) !== null || book.getSheetByName(APMON_TEMPLATE_SHEET) === null;
}

function apmonCall_(endpoint) {
  var ui = SpreadsheetApp.getUi();
  var token = (PropertiesService.getScriptProperties().getProperty(APMON_TOKEN_PROPERTY) || "").trim();
  if (!token) {
    ui.alert("apmon", apmonText_("sheets.no_token"), ui.ButtonSet.OK);
    return;
  }
  var url = APMON_BASE_URL + "/xlwings/custom-scripts-call/" + endpoint;
  var merged = apmonMergedRanges_();
  var headers = {};
  headers[APMON_ACTIONS_HEADER] = APMON_ACTIONS;
  if (merged) {
    headers[APMON_MERGED_HEADER] = merged;
  }
  try {
    runPython(url, { auth: "Bearer " + token, headers: headers });
  } catch (error) {
    ui.alert("apmon", apmonErrorText_(error), ui.ButtonSet.OK);
  }
}

// Merged cells keep only their first cell's value: the server names an input cell merged under another only if told
// which cells are merged. runPython sends values only, so they go in a header: "<sheet position>!<range>" joined by
// commas, the position as in runPython's payload (getSheets() order, from 0). Cut short so the header stays small.
function apmonMergedRanges_() {
  var found = [];
  SpreadsheetApp.getActive()
    .getSheets()
    .forEach(function (sheet, position) {
      var rows = sheet.getLastRow();
      var columns = sheet.getLastColumn();
      if (rows > 0 && columns > 0) {
        sheet
          .getRange(1, 1, rows, columns)
          .getMergedRanges()
          .forEach(function (range) {
            found.push(position + "!" + range.getA1Notation());
          });
      }
    });
  var header = found.join(",");
  return header.length <= APMON_MERGED_LIMIT ? header : header.slice(0, header.lastIndexOf(",", APMON_MERGED_LIMIT));
}

// xlwings' runPython throws the server's answer text when the status is not 200. apmon's refusals ({"error": ...})
// are in the spreadsheet's language already; anything else (a proxy's error page, Apps Script's own "Address
// unavailable") is said to be the server's answer in the spreadsheet's language, then shown as it came.
function apmonErrorText_(error) {
  var text = String(error && error.message ? error.message : error);
  try {
    var data = JSON.parse(text);
    if (data && typeof data.error === "string") {
      return data.error.slice(0, 1500); // apmon's refusals: {"error": "..."}
    } else if (data && typeof data.detail === "string") {
      return data.detail.slice(0, 1500);
    }
  } catch (e) {
    // not JSON: not apmon's words
  }
  return (apmonText_("sheets.refused") + "\n\n" + text).slice(0, 1500);
}

// Actions xlwings' remote engine has but its Apps Script client (xlwings.js) does not apply: runPython calls each
// action's function by its name, so these, named as the actions are, apply them. Consolidate sends them for a long
// line above a table (A2): merged over the columns a screen shows, wrapped, its row as tall as its lines, as `apmon
// sync run` writes the master. The height comes in points (Excel's); a line of 15 points is 21 pixels in Google
// Sheets, as apmon's Google master makes it.
function rangeMerge(workbook, action) {
  var range = getRange(workbook, action);
  // A merge an earlier Consolidate left over other columns (a sheet's clearFormats keeps Google's merges): Google
  // refuses to merge part of one, so each merge the range touches is broken apart first.
  range.getMergedRanges().forEach(function (merged) {
    merged.breakApart();
  });
  if (action.args[0]) {
    range.mergeAcross();
  } else {
    range.merge();
  }
}

// A line above a table that is short now, merged by an earlier Consolidate when it was long: each merge the range
// touches broken apart (Google keeps them through clearFormats).
function rangeUnmerge(workbook, action) {
  getRange(workbook, action)
    .getMergedRanges()
    .forEach(function (merged) {
      merged.breakApart();
    });
}

function setWrapText(workbook, action) {
  getRange(workbook, action).setWrap(Boolean(action.args[0]));
}

function setRowHeight(workbook, action) {
  var sheet = workbook.getSheets()[action.sheet_position];
  sheet.setRowHeights(action.start_row + 1, action.row_count, Math.round((Number(action.args[0]) * 21) / 15));
}
