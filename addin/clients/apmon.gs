/**
 * apmon for Google Sheets: a menu "apmon" with Proveri (Validate), Dostavi (Submit), Objedini (Consolidate,
 * shown only in the National Coordinator's master) and Postavi token (Set token).
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
var APMON_MERGED_LIMIT = 6000; // characters: about 500 merged ranges, well inside a server's header limit

function onOpen() {
  var menu = SpreadsheetApp.getUi()
    .createMenu("apmon")
    .addItem("Proveri (Validate)", "apmonValidate")
    .addItem("Dostavi (Submit)", "apmonSubmit");
  if (apmonIsMaster_()) {
    menu.addItem("Objedini (Consolidate)", "apmonConsolidate");
  }
  menu.addSeparator().addItem("Postavi token (Set token)", "apmonSetToken").addToUi();
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
  var answer = ui.prompt(
    "apmon",
    "Nalepite token koji ste dobili od administratora.\nPaste the token you were given by the administrator.",
    ui.ButtonSet.OK_CANCEL
  );
  if (answer.getSelectedButton() !== ui.Button.OK) {
    return;
  }
  var token = answer.getResponseText().trim();
  var properties = PropertiesService.getScriptProperties();
  if (token) {
    properties.setProperty(APMON_TOKEN_PROPERTY, token);
    ui.alert("apmon", "Token je sačuvan. / The token is saved.", ui.ButtonSet.OK);
  } else {
    properties.deleteProperty(APMON_TOKEN_PROPERTY);
    ui.alert("apmon", "Token je uklonjen. / The token is removed.", ui.ButtonSet.OK);
  }
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
    ui.alert(
      "apmon",
      "Token nije postavljen: apmon > Postavi token. / No token yet: apmon > Set token.",
      ui.ButtonSet.OK
    );
    return;
  }
  var url = APMON_BASE_URL + "/xlwings/custom-scripts-call/" + endpoint;
  var merged = apmonMergedRanges_();
  var headers = {};
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

// xlwings' runPython throws the server's answer text when the status is not 200.
function apmonErrorText_(error) {
  var text = String(error && error.message ? error.message : error);
  try {
    var data = JSON.parse(text);
    if (data && typeof data.error === "string") {
      text = data.error; // apmon's refusals: {"error": "..."}
    } else if (data && typeof data.detail === "string") {
      text = data.detail;
    }
  } catch (e) {
    // not JSON: keep the text
  }
  return text.slice(0, 1500);
}
