/*
 * apmon add-in for Excel (Office.js): Proveri (Validate), Dostavi (Submit), Objedini (Consolidate).
 *
 * Loaded by commands.html (the function file behind the ribbon buttons) and taskpane.html (where the
 * user pastes the token once). Each button posts the workbook to the apmon server at
 *   {base}/xlwings/custom-scripts-call/{validate|submit|consolidate}
 * with "Authorization: Bearer <token>" and applies the xlwings actions the server answers with.
 * {base} is wherever these pages are served from, one folder up: pages at
 * https://apmon.example.gov.rs/addin/commands.html talk to https://apmon.example.gov.rs/xlwings/...
 * so the server address is written only once, in manifest.xml.
 *
 * Why `runPython` is defined here: xlwings 0.37.8 ships its Google Apps Script client (js/xlwings.js),
 * its Office Scripts client (js/xlwings.ts) and its VBA client (addin/Remote.bas), but no Office.js
 * client; that one moved into xlwings Server (xlwings PR #2551), where it is an ES module tied to the
 * xlwings Server page setup. `runPython(url, {auth, include, exclude, headers})` below keeps the
 * signature of xlwings' `xlwings.runPython` and sends the same request body as xlwings' Office.js
 * client (client "Office.js", version, book, names, sheets with values, date cells as ISO strings).
 * It applies the actions every xlwings client applies and the apmon server uses (values, fill
 * colour, number format, add/rename/delete/clear sheet, clear ranges, names, alert, autofit,
 * hyperlinks), and three that xlwings' remote engine has but its own clients do not apply (merge,
 * wrap text, row height: a long line above a table); any other action stops with a message naming
 * it, never silently.
 *
 * Needs Excel with ExcelApi 1.7 and a modern web view: Microsoft 365, Office 2021 or later, or
 * Excel on the web. Office 2016/2019 with the old Internet Explorer web view: use apmon.bas.
 */
(function (root) {
  "use strict";

  var XLWINGS_VERSION = "0.37.8"; // pinned like the server: pyproject.toml has xlwings==0.37.8
  var ENDPOINTS = ["validate", "submit", "consolidate"];
  var TOKEN_KEY = "apmon.token";
  var MESSAGE_LIMIT = 1500; // characters shown in a dialog (the text travels in the dialog's URL)

  // ------------------------------------------------------------------ server address and token

  function endpointUrl(name) {
    if (ENDPOINTS.indexOf(name) < 0) {
      throw new Error("apmon: unknown command " + name);
    }
    return new URL("../xlwings/custom-scripts-call/" + name, root.location.href).href;
  }

  // The token stays in this computer's browser storage for the add-in's web address, never in the
  // workbook: reports are e-mailed and copied to shared folders, and a token inside them would go along.
  function readToken() {
    try {
      return (root.localStorage.getItem(TOKEN_KEY) || "").trim();
    } catch (e) {
      return "";
    }
  }

  function saveToken(token) {
    root.localStorage.setItem(TOKEN_KEY, token.trim());
  }

  function removeToken() {
    root.localStorage.removeItem(TOKEN_KEY);
  }

  // ------------------------------------------------------------------ messages

  // The add-in's words from the one catalogue (schemas/messages_addin.py, OFFICE_TEXTS): key -> [Serbian Latin,
  // English]; tests/test_addin_clients.py checks they are the catalogue's. Cyrillic is transliterated here.
  var TEXTS = {
    "manifest.group": ["Izveštaj", "Report"],
    "manifest.validate": ["Proveri", "Validate"],
    "manifest.submit": ["Dostavi", "Submit"],
    "manifest.consolidate": ["Objedini", "Consolidate"],
    "pane.token_hint": ["Nalepite token koji ste dobili od administratora (jednom, na ovom računaru).", "Paste the token you were given by the administrator (once, on this computer)."],
    "pane.save_token": ["Sačuvaj token", "Save token"],
    "pane.remove_token": ["Ukloni token", "Remove token"],
    "pane.token_saved": ["Token je sačuvan na ovom računaru (…{last}).", "A token is saved on this computer (…{last})."],
    "pane.no_token": ["Token nije postavljen.", "No token yet."],
    "pane.ask_token": ["Token nije postavljen: otvorite panel apmon (dugme Token) i nalepite token koji ste dobili.", "No token yet: open the apmon pane (Token button) and paste the token you were given."],
    "pane.done": ["Gotovo.", "Done."],
    "pane.refused.401": ["Token nije prihvaćen. Otvorite panel apmon (dugme Token) i nalepite važeći token.", "The token was not accepted: open the apmon pane (Token button) and paste a valid token."],
    "pane.refused.403": ["Ovaj token ne dozvoljava ovu radnju: Proveri i Dostavi važe samo za izveštaje vaše institucije, Objedini samo za Nacionalnog koordinatora.", "This token may not do this: Validate and Submit work on your institution's reports only, Consolidate needs the National Coordinator's token."],
    "pane.refused.413": ["Radna sveska je prevelika za slanje.", "The workbook is too large to send."],
    "pane.refused.429": ["Token nije prihvaćen (previše pokušaja sa pogrešnim tokenom). Otvorite panel apmon (dugme Token) i nalepite važeći token.", "The token was not accepted (too many attempts with a wrong token): open the apmon pane (Token button) and paste a valid token."],
    "pane.refused.submits_spent": ["Izveštaj nije dostavljen: današnje dostave vaše institucije već su zauzele koliko je dnevno dozvoljeno.", "Not submitted: your institution's Submits today already take as much as a day allows."],
    "pane.refused.too_many_calls": ["Previše provera i dostavljanja u kratkom roku: sačekajte malo i pokušajte ponovo.", "Too many Validate and Submit calls in a short time: wait a little and try again."],
    "pane.refused": ["Server apmon je odgovorio greškom.", "The apmon server answered with an error."],
    "pane.unreachable": ["Server apmon nije dostupan ({url}).", "The apmon server cannot be reached ({url})."],
    "pane.unknown_action": ["apmon ne ume da primeni radnju {action}.", "apmon cannot apply the action {action}."]
  };

  // Serbian Latin -> Cyrillic as schemas/text.py does it: digraphs first; foreign words, addresses and names stay.
  var DIGRAPHS = { "dž": "џ", "lj": "љ", "nj": "њ", "Dž": "Џ", "DŽ": "Џ", "Lj": "Љ", "LJ": "Љ", "Nj": "Њ", "NJ": "Њ" };
  var LATIN = "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ";
  var CYRILLIC = "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ";
  var KEEP_LATIN = ["apmon", "excel", "office"];

  function keepsLatin(word) {
    var core = word.replace(/^[.,;:!?()\[\]{}"'„“”‘’«»]+|[.,;:!?()\[\]{}"'„“”‘’«»]+$/g, "");
    return /[qwxyQWXY]/.test(core) || /\w[.@]\w/.test(core) || KEEP_LATIN.indexOf(core.toLowerCase()) >= 0;
  }

  function toCyrillic(text) {
    return text.replace(/\S+/g, function (word) {
      if (keepsLatin(word)) {
        return word;
      }
      var out = "";
      for (var i = 0; i < word.length; i++) {
        var pair = word.slice(i, i + 2);
        if (DIGRAPHS[pair]) {
          out += DIGRAPHS[pair];
          i += 1;
        } else {
          var at = LATIN.indexOf(word[i]);
          out += at >= 0 ? CYRILLIC[at] : word[i];
        }
      }
      return out;
    });
  }

  // Office's display language picks the language: sr-Cyrl... Cyrillic, en... English, anything else Serbian Latin
  // (the default of everything apmon shows, as the add-in server's).
  function displayLang() {
    var tag = String((root.Office.context && root.Office.context.displayLanguage) || "").toLowerCase();
    if (tag.indexOf("sr-cyrl") === 0) {
      return "sr-Cyrl";
    }
    return tag === "en" || tag.indexOf("en-") === 0 ? "en" : "sr-Latn";
  }

  // The text `key` in Office's display language, its {fields} filled in.
  function t(key, fields) {
    var lang = displayLang();
    var text = TEXTS[key][lang === "en" ? 1 : 0];
    var filled = function (part) {
      return part.replace(/\{(\w+)\}/g, function (all, name) {
        return fields && name in fields ? String(fields[name]) : "?";
      });
    };
    if (lang !== "sr-Cyrl") {
      return filled(text);
    }
    return text
      .split(/(\{\w+\})/)
      .map(function (part) {
        return part.charAt(0) === "{" ? filled(part) : toCyrillic(part);
      })
      .join("");
  }

  function ApmonError(message, status) {
    this.name = "ApmonError";
    this.message = message;
    this.status = status;
  }
  ApmonError.prototype = Object.create(Error.prototype);

  function serverDetail(text) {
    try {
      var data = JSON.parse(text);
      if (data && typeof data.error === "string") {
        return data.error; // apmon's refusals: {"error": "..."}
      }
      if (data && typeof data.detail === "string") {
        return data.detail; // FastAPI's own answers, e.g. 404
      }
    } catch (e) {
      // not JSON: show the text as it came
    }
    return String(text || "").slice(0, 500);
  }

  // `refusal`: the answer's X-Apmon-Refused header, which tells a 429 of the day's Submits spent, or of too many
  // calls with one token, from one of wrong tokens.
  function httpError(status, text, refusal) {
    var detail = serverDetail(text);
    var key = [401, 403, 413, 429].indexOf(status) >= 0 ? "pane.refused." + status : "pane.refused";
    if (status === 429 && refusal === "submits-spent") {
      key = "pane.refused.submits_spent";
    } else if (status === 429 && refusal === "too-many-calls") {
      key = "pane.refused.too_many_calls";
    }
    var message = t(key) + " (HTTP " + status + ")";
    if (detail) {
      message += "\n" + detail;
    }
    return new ApmonError(message, status);
  }

  function describe(error) {
    if (error instanceof ApmonError) {
      return error.message;
    }
    if (error && error.message) {
      return error.message;
    }
    return String(error);
  }

  function isDialogPage() {
    return new URL(root.location.href).searchParams.get("dialog") === "1";
  }

  function paneStatus() {
    return root.document && root.document.getElementById ? root.document.getElementById("apmon-status") : null;
  }

  // In the task pane the message goes to its status area; from a ribbon button (no page to write on)
  // it opens a small dialog, which is taskpane.html in dialog mode.
  function showMessage(title, text) {
    var status = paneStatus();
    if (status) {
      var line = title + ": " + text;
      status.textContent = status.getAttribute("data-running") ? line : status.textContent + "\n\n" + line;
      status.removeAttribute("data-running");
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      var url = new URL("taskpane.html", root.location.href);
      url.searchParams.set("dialog", "1");
      url.searchParams.set("title", title);
      url.searchParams.set("text", String(text).slice(0, MESSAGE_LIMIT));
      root.Office.context.ui.displayDialogAsync(
        url.href,
        { height: 40, width: 30, displayInIframe: true },
        function (result) {
          if (result.status === root.Office.AsyncResultStatus.Failed) {
            root.console.error("apmon: " + title + ": " + text);
            resolve();
            return;
          }
          var dialog = result.value;
          dialog.addEventHandler(root.Office.EventType.DialogMessageReceived, function () {
            dialog.close();
            resolve();
          });
          dialog.addEventHandler(root.Office.EventType.DialogEventReceived, function () {
            resolve();
          });
        }
      );
    });
  }

  // ------------------------------------------------------------------ the request (xlwings protocol)

  function splitList(text) {
    return text
      ? String(text)
          .split(",")
          .map(function (item) {
            return item.trim();
          })
          .filter(Boolean)
      : [];
  }

  function sheetIndexOfAddress(address, sheetNames) {
    var bang = address.lastIndexOf("!");
    var sheet = address.slice(0, bang);
    if (sheet.charAt(0) === "'") {
      sheet = sheet.slice(1, -1).replace(/''/g, "'");
    }
    return sheetNames.indexOf(sheet);
  }

  async function readNames(context, collections, sheetNames) {
    var loaded = [];
    collections.forEach(function (entry) {
      entry.items.items.forEach(function (item) {
        if (item.type === "Range") {
          var range = item.getRangeOrNullObject();
          range.load("address");
          loaded.push({ entry: entry, item: item, range: range });
        }
      });
    });
    await context.sync();
    var names = [];
    loaded.forEach(function (one) {
      if (one.range.isNullObject) {
        return; // a name whose cells were deleted (#REF!)
      }
      names.push({
        name: one.item.name,
        sheet_index: sheetIndexOfAddress(one.range.address, sheetNames),
        address: one.range.address.split("!").pop(),
        scope_sheet_name: one.entry.sheetName,
        scope_sheet_index: one.entry.sheetIndex,
        book_scope: one.entry.sheetName === null,
      });
    });
    return names;
  }

  async function readBook(context, include, exclude) {
    var workbook = context.workbook;
    workbook.load("name");
    var worksheets = workbook.worksheets;
    worksheets.load("items/name");
    var active = worksheets.getActiveWorksheet();
    active.load("position");
    var bookNames = workbook.names;
    bookNames.load("items/name,items/type");
    await context.sync();

    var sheets = worksheets.items;
    var sheetNames = sheets.map(function (sheet) {
      return sheet.name;
    });
    if (include.length > 0) {
      exclude = sheetNames.filter(function (name) {
        return include.indexOf(name) < 0;
      });
    }

    var selection = null;
    try {
      var selected = workbook.getSelectedRange();
      selected.load("address");
      await context.sync();
      selection = selected.address.split("!").pop();
    } catch (e) {
      selection = null; // a shape or chart is selected
    }

    var nameCollections = [{ items: bookNames, sheetName: null, sheetIndex: null }];
    var lastCells = sheets.map(function (sheet, index) {
      if (exclude.indexOf(sheet.name) >= 0) {
        return null;
      }
      var sheetNamesItems = sheet.names;
      sheetNamesItems.load("items/name,items/type");
      nameCollections.push({ items: sheetNamesItems, sheetName: sheet.name, sheetIndex: index });
      var last = sheet.getUsedRange().getLastCell();
      last.load("address");
      return last;
    });
    await context.sync();

    var withDates = root.Office.context.requirements.isSetSupported("ExcelApi", "1.12");
    // Merged cells keep only their first cell's value: the server names an input cell merged under another.
    var withMerges = root.Office.context.requirements.isSetSupported("ExcelApi", "1.13");
    var ranges = sheets.map(function (sheet, index) {
      if (lastCells[index] === null) {
        return null;
      }
      var range = sheet.getRange("A1:" + lastCells[index].address.split("!").pop());
      range.load(withDates ? "values,numberFormatCategories" : "values");
      return range;
    });
    var mergedAreas = ranges.map(function (range) {
      if (range === null || !withMerges) {
        return null;
      }
      var areas = range.getMergedAreasOrNullObject();
      areas.load("areas/items/address");
      return areas;
    });
    await context.sync();

    var names = await readNames(context, nameCollections, sheetNames);
    var payloadSheets = sheets.map(function (sheet, index) {
      var values = [[]];
      if (ranges[index] !== null) {
        values = ranges[index].values;
        if (withDates) {
          var categories = ranges[index].numberFormatCategories;
          values = values.map(function (row, r) {
            return row.map(function (value, c) {
              var category = String(categories[r][c]);
              if ((category === "Date" || category === "Time") && typeof value === "number") {
                return new Date(Math.round((value - 25569) * 86400 * 1000)).toISOString();
              }
              return value;
            });
          });
        }
      }
      var merged = [];
      if (mergedAreas[index] !== null && !mergedAreas[index].isNullObject) {
        merged = mergedAreas[index].areas.items.map(function (area) {
          return area.address.split("!").pop();
        });
      }
      return { name: sheet.name, values: values, pictures: [], tables: [], merged: merged };
    });

    return {
      client: "Office.js",
      version: XLWINGS_VERSION,
      book: { name: workbook.name, active_sheet_index: active.position, selection: selection },
      names: names,
      sheets: payloadSheets,
    };
  }

  // ------------------------------------------------------------------ the answer (xlwings actions)

  function Actions(context) {
    this.context = context;
    this.sheets = null; // cached worksheet list; dropped whenever the sheets change
    this.messages = [];
  }

  Actions.prototype.sheetAt = async function (position) {
    if (this.sheets === null) {
      var worksheets = this.context.workbook.worksheets;
      worksheets.load("items/name");
      await this.context.sync();
      this.sheets = worksheets.items;
    }
    return this.sheets[position];
  };

  Actions.prototype.range = async function (action) {
    var sheet = await this.sheetAt(action.sheet_position);
    return sheet.getRangeByIndexes(action.start_row, action.start_column, action.row_count, action.column_count);
  };

  Actions.prototype.sheetsChanged = async function () {
    await this.context.sync();
    this.sheets = null;
  };

  function filled(action, value) {
    var rows = [];
    for (var r = 0; r < action.row_count; r++) {
      var row = [];
      for (var c = 0; c < action.column_count; c++) {
        row.push(value);
      }
      rows.push(row);
    }
    return rows;
  }

  // Like xlwings' Office.js client: an ISO date-time string becomes a date Excel recognises.
  function excelValue(value) {
    if (typeof value === "string" && value.length > 18 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      var date = new Date(Date.parse(value));
      if (!isNaN(date.getTime())) {
        var text = date.toLocaleDateString(root.Office.context.contentLanguage);
        if (date.getHours() + date.getMinutes() + date.getSeconds() + date.getMilliseconds() !== 0) {
          text += " " + date.toLocaleTimeString(root.Office.context.contentLanguage);
        }
        return text;
      }
    }
    return value;
  }

  var HANDLERS = {
    setValues: async function (run, action) {
      (await run.range(action)).values = action.values.map(function (row) {
        return row.map(excelValue);
      });
    },
    rangeClearContents: async function (run, action) {
      (await run.range(action)).clear(root.Excel.ClearApplyTo.contents);
    },
    rangeClearFormats: async function (run, action) {
      (await run.range(action)).clear(root.Excel.ClearApplyTo.formats);
    },
    rangeClear: async function (run, action) {
      (await run.range(action)).clear(root.Excel.ClearApplyTo.all);
    },
    setRangeColor: async function (run, action) {
      (await run.range(action)).format.fill.color = String(action.args[0]);
    },
    setNumberFormat: async function (run, action) {
      (await run.range(action)).numberFormat = filled(action, String(action.args[0]));
    },
    setAutofit: async function (run, action) {
      var range = await run.range(action);
      if (action.args[0] === "columns") {
        range.format.autofitColumns();
      } else {
        range.format.autofitRows();
      }
    },
    setSheetAutofit: async function (run, action) {
      var range = (await run.sheetAt(action.sheet_position)).getUsedRange();
      if (action.args[0] === "columns") {
        range.format.autofitColumns();
      } else {
        range.format.autofitRows();
      }
    },
    addHyperlink: async function (run, action) {
      var address = String(action.args[0]);
      var link = { textToDisplay: String(action.args[1] === null || action.args[1] === undefined ? address : action.args[1]) };
      if (address.charAt(0) === "#") {
        link.documentReference = address.slice(1); // a link to a cell of this workbook
      } else {
        link.address = address;
      }
      if (action.args[2]) {
        link.screenTip = String(action.args[2]);
      }
      (await run.range(action)).hyperlink = link;
    },
    rangeSelect: async function (run, action) {
      (await run.range(action)).select();
    },
    addSheet: async function (run, action) {
      var worksheets = run.context.workbook.worksheets;
      var sheet = action.args[1] !== null && action.args[1] !== undefined ? worksheets.add(String(action.args[1])) : worksheets.add();
      sheet.position = parseInt(action.args[0], 10);
      await run.sheetsChanged();
    },
    setSheetName: async function (run, action) {
      (await run.sheetAt(action.sheet_position)).name = String(action.args[0]);
      await run.sheetsChanged();
    },
    sheetDelete: async function (run, action) {
      (await run.sheetAt(action.sheet_position)).delete();
      await run.sheetsChanged();
    },
    sheetClear: async function (run, action) {
      (await run.sheetAt(action.sheet_position)).getRange().clear(root.Excel.ClearApplyTo.all);
    },
    sheetClearContents: async function (run, action) {
      (await run.sheetAt(action.sheet_position)).getRange().clear(root.Excel.ClearApplyTo.contents);
    },
    sheetClearFormats: async function (run, action) {
      (await run.sheetAt(action.sheet_position)).getRange().clear(root.Excel.ClearApplyTo.formats);
    },
    activateSheet: async function (run, action) {
      (await run.sheetAt(parseInt(action.args[0], 10))).activate();
    },
    setRangeName: async function (run, action) {
      run.context.workbook.names.add(String(action.args[0]), await run.range(action));
    },
    namesAdd: async function (run, action) {
      var owner =
        action.sheet_position === null || action.sheet_position === undefined
          ? run.context.workbook
          : await run.sheetAt(action.sheet_position);
      owner.names.add(String(action.args[0]), String(action.args[1]));
    },
    nameDelete: async function (run, action) {
      var name = String(action.args[0]);
      var bang = name.indexOf("!");
      if (bang >= 0) {
        var sheetName = name.slice(0, bang).replace(/^'|'$/g, "");
        run.context.workbook.worksheets.getItem(sheetName).names.getItemOrNullObject(name.slice(bang + 1)).delete();
      } else {
        run.context.workbook.names.getItemOrNullObject(name).delete();
      }
      await run.context.sync();
    },
    // Not applied by xlwings' own clients: Consolidate sends them for a long line above a table (A2), merged over
    // the columns a screen shows, wrapped, its row as tall as its lines, as `apmon sync run` writes the master.
    rangeMerge: async function (run, action) {
      (await run.range(action)).merge(Boolean(action.args[0]));
    },
    rangeUnmerge: async function (run, action) {
      (await run.range(action)).unmerge(); // a short line an earlier Consolidate merged when it was long
    },
    setWrapText: async function (run, action) {
      (await run.range(action)).format.wrapText = Boolean(action.args[0]);
    },
    setRowHeight: async function (run, action) {
      (await run.range(action)).format.rowHeight = Number(action.args[0]);
    },
    alert: async function (run, action) {
      // xlwings' alert: [prompt, title, buttons, mode, callback]; apmon only informs, so no callback.
      run.messages.push({ title: String(action.args[1] || "apmon"), text: String(action.args[0]) });
    },
  };

  async function runActions(context, actions) {
    var run = new Actions(context);
    for (var i = 0; i < actions.length; i++) {
      var handler = HANDLERS[actions[i].func];
      if (!handler) {
        throw new ApmonError(
          t("pane.unknown_action", { action: actions[i].func })
        );
      }
      await handler(run, actions[i]);
    }
    await context.sync();
    return run.messages;
  }

  // Same call as xlwings' Office.js client: runPython(url, {auth, include, exclude, headers}).
  async function runPython(url, options) {
    options = options || {};
    var include = splitList(options.include);
    var exclude = splitList(options.exclude);
    if (include.length > 0 && exclude.length > 0) {
      throw new ApmonError("Either use 'include' or 'exclude', but not both!");
    }
    var headers = {};
    Object.keys(options.headers || {}).forEach(function (key) {
      headers[key] = options.headers[key];
    });
    if (!("Authorization" in headers) && options.auth) {
      headers["Authorization"] = options.auth;
    }
    headers["Content-Type"] = "application/json";

    var messages = [];
    await root.Excel.run(async function (context) {
      var payload = await readBook(context, include, exclude);
      var response;
      try {
        response = await root.fetch(url, { method: "POST", headers: headers, body: JSON.stringify(payload) });
      } catch (e) {
        throw new ApmonError(t("pane.unreachable", { url: url }));
      }
      var text = await response.text();
      if (response.status !== 200) {
        throw httpError(response.status, text, response.headers ? response.headers.get("X-Apmon-Refused") : null);
      }
      var data = text ? JSON.parse(text) : null;
      if (data && data.actions) {
        messages = await runActions(context, data.actions);
      }
    });
    return messages;
  }

  // ------------------------------------------------------------------ the three commands


  async function apmonRun(name) {
    var token = readToken();
    if (!token) {
      await showMessage("apmon", t("pane.ask_token"));
      return;
    }
    var status = paneStatus();
    if (status) {
      status.textContent = t("manifest." + name) + "…";
      status.setAttribute("data-running", "1");
    }
    try {
      var messages = await runPython(endpointUrl(name), { auth: "Bearer " + token });
      if (messages.length === 0) {
        await showMessage(t("manifest." + name), t("pane.done"));
      }
      for (var i = 0; i < messages.length; i++) {
        await showMessage(messages[i].title, messages[i].text);
      }
    } catch (error) {
      await showMessage(t("manifest." + name), describe(error));
    }
  }

  // Ribbon buttons (manifest.xml, ExecuteFunction): the event must be completed when the work is done.
  function command(name) {
    return function (event) {
      apmonRun(name).then(
        function () {
          event.completed();
        },
        function () {
          event.completed();
        }
      );
    };
  }

  var apmonValidate = command("validate");
  var apmonSubmit = command("submit");
  var apmonConsolidate = command("consolidate");

  // ------------------------------------------------------------------ pages

  function setUpTaskpane(doc) {
    var input = doc.getElementById("apmon-token");
    var tokenState = doc.getElementById("apmon-token-state");
    function showTokenState() {
      var token = readToken();
      tokenState.textContent = token
        ? t("pane.token_saved", { last: token.slice(-4) })
        : t("pane.no_token");
    }
    doc.getElementById("apmon-save-token").addEventListener("click", function () {
      if (input.value.trim()) {
        saveToken(input.value);
        input.value = "";
      }
      showTokenState();
    });
    doc.getElementById("apmon-remove-token").addEventListener("click", function () {
      removeToken();
      showTokenState();
    });
    ENDPOINTS.forEach(function (name) {
      doc.getElementById("apmon-" + name).addEventListener("click", function () {
        apmonRun(name);
      });
    });
    showTokenState();
  }

  function setUpDialog(doc) {
    var params = new URL(root.location.href).searchParams;
    doc.getElementById("apmon-pane").hidden = true;
    doc.getElementById("apmon-dialog").hidden = false;
    doc.getElementById("apmon-dialog-title").textContent = params.get("title") || "apmon";
    doc.getElementById("apmon-dialog-text").textContent = params.get("text") || "";
    doc.getElementById("apmon-dialog-ok").addEventListener("click", function () {
      root.Office.context.ui.messageParent("ok");
    });
  }

  // The page's data-text elements in Office's display language (taskpane.html is written in Serbian Latin).
  function localize(doc) {
    doc.documentElement.lang = displayLang();
    var elements = doc.querySelectorAll("[data-text]");
    for (var i = 0; i < elements.length; i++) {
      elements[i].textContent = t(elements[i].getAttribute("data-text"));
    }
  }

  function start() {
    var doc = root.document;
    if (doc && doc.getElementById && doc.getElementById("apmon-pane")) {
      localize(doc);
      if (isDialogPage()) {
        setUpDialog(doc);
      } else {
        setUpTaskpane(doc);
      }
    }
    if (root.Office.actions && root.Office.actions.associate) {
      root.Office.actions.associate("apmonValidate", apmonValidate);
      root.Office.actions.associate("apmonSubmit", apmonSubmit);
      root.Office.actions.associate("apmonConsolidate", apmonConsolidate);
    }
  }

  // The manifest's <FunctionName>s; also global for Office versions that look functions up by name.
  root.apmonValidate = apmonValidate;
  root.apmonSubmit = apmonSubmit;
  root.apmonConsolidate = apmonConsolidate;
  root.apmon = {
    runPython: runPython,
    run: apmonRun,
    lang: displayLang,
    text: t,
    endpointUrl: endpointUrl,
    readToken: readToken,
    saveToken: saveToken,
    removeToken: removeToken,
  };

  root.Office.onReady(start);
})(globalThis);
