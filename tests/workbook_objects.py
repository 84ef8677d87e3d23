"""Objects an officer can put into a workbook that neither openpyxl nor XlsxWriter writes: a SmartArt graphic, a form
control and an old-style (VML) text box, a slicer, a data connection and a query table, an embedded document or
object, and a picture. Each is written into a real report with zipfile, its parts as Excel writes them (element names
from ECMA-376 and Microsoft's MS-XLSX), the relationships that lead to them and their content types added."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tests.workbook_places import MAIN, SHEET_TYPES, R, _add_relationship, _content_types, _rels, _write

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
OFFICE_2007 = "http://schemas.microsoft.com/office/2007/relationships"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # a picture's first bytes: nothing reads further
COMPOUND_FILE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504  # an OLE object's first bytes (a binary document)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {info.filename: book.read(info) for info in book.infolist()}


def _in_sheet(parts: dict[str, bytes], sheet_part: str, element: str) -> None:
    """`element` added as the sheet's last child, with the r: namespace declared on the sheet."""
    sheet = parts[sheet_part].decode()
    if "xmlns:r=" not in sheet[: sheet.find(">", sheet.find("<worksheet"))]:
        sheet = sheet.replace("<worksheet ", f'<worksheet xmlns:r="{R}" ', 1)
    parts[sheet_part] = sheet.replace("</worksheet>", element + "</worksheet>").encode()


def _paragraphs(lines: list[str], prefix: str = "a") -> str:
    return "".join(
        f"<{prefix}:p><{prefix}:r><{prefix}:t>{escape(line)}</{prefix}:t></{prefix}:r></{prefix}:p>" for line in lines
    )


def _drawing_with(parts: dict[str, bytes], sheet_part: str, frame: str, relationships: list[tuple[str, ...]]) -> None:
    """A drawing on the sheet holding one object (`frame`: the anchor's content), its relationships given."""
    parts["xl/drawings/drawing1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">'
        "<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>"
        "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>{frame}<xdr:clientData/></xdr:twoCellAnchor>"
        "</xdr:wsDr>"
    ).encode()
    parts["xl/drawings/_rels/drawing1.xml.rels"] = _rels(*relationships)
    _add_relationship(parts, sheet_part, "objId1", f"{R}/drawing", "../drawings/drawing1.xml")
    _in_sheet(parts, sheet_part, '<drawing r:id="objId1"/>')
    _content_types(parts, {"/xl/drawings/drawing1.xml": "application/vnd.openxmlformats-officedocument.drawing+xml"})


def smartart(path: Path, sheet_part: str, points: list[str], drawn: list[str] | None = None) -> None:
    """A SmartArt graphic ("Diagram 1") on the sheet: its graphic frame in the sheet's drawing names its data, layout,
    style and colours parts (dgm:relIds); its data part (dgm:dataModel) holds a point (dgm:pt) per text of
    `points`, in rich text (dgm:t > a:p > a:r > a:t); the drawing Excel keeps of it as last laid out
    (dsp:drawing, shapes dsp:sp with a dsp:txBody) holds `drawn` (the same texts where None)."""
    parts = _parts(path)
    frame = (
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x='0' y='0'/><a:ext cx='0' cy='0'/>"
        f'</xdr:xfrm><a:graphic><a:graphicData uri="{DGM}"><dgm:relIds xmlns:dgm="{DGM}" xmlns:r="{R}" '
        'r:dm="rId1" r:lo="rId2" r:qs="rId3" r:cs="rId4"/></a:graphicData></a:graphic></xdr:graphicFrame>'
    )
    kinds = ("diagramData", "diagramLayout", "diagramQuickStyle", "diagramColors")
    files = ("data1.xml", "layout1.xml", "quickStyle1.xml", "colors1.xml")
    relationships = [
        (f"rId{n}", f"{R}/{kind}", f"../diagrams/{file}")
        for n, (kind, file) in enumerate(zip(kinds, files, strict=True), 1)
    ]
    relationships.append(("rId5", f"{OFFICE_2007}/diagramDrawing", "../diagrams/drawing1.xml"))
    _drawing_with(parts, sheet_part, frame, relationships)
    data = "".join(
        f'<dgm:pt modelId="{{{n:08d}-0000-0000-0000-000000000000}}"><dgm:prSet phldrT="[Tekst]"/><dgm:spPr/>'
        f"<dgm:t><a:bodyPr/><a:lstStyle/>{_paragraphs(text.split(chr(10)))}</dgm:t></dgm:pt>"
        for n, text in enumerate(points, 1)
    )
    parts["xl/diagrams/data1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A}">'
        f'<dgm:ptLst><dgm:pt modelId="{{99999999-0000-0000-0000-000000000000}}" type="doc"><dgm:prSet/><dgm:spPr/>'
        f"</dgm:pt>{data}</dgm:ptLst><dgm:cxnLst/><dgm:bg/><dgm:whole/></dgm:dataModel>"
    ).encode()
    shapes = "".join(
        f'<dsp:sp modelId="{{{n:08d}-1111-0000-0000-000000000000}}"><dsp:nvSpPr><dsp:cNvPr id="0" name=""/>'
        f"<dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr/><dsp:txBody><a:bodyPr/><a:lstStyle/>"
        f"{_paragraphs(text.split(chr(10)))}</dsp:txBody></dsp:sp>"
        for n, text in enumerate(points if drawn is None else drawn, 1)
    )
    parts["xl/diagrams/drawing1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dsp:drawing xmlns:dgm="{DGM}" xmlns:dsp="{DSP}" '
        f'xmlns:a="{A}"><dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr>'
        f"<dsp:grpSpPr/>{shapes}</dsp:spTree></dsp:drawing>"
    ).encode()
    layout = "urn:microsoft.com/office/officeart/2005/8/layout/default"
    parts["xl/diagrams/layout1.xml"] = f'<dgm:layoutDef xmlns:dgm="{DGM}" uniqueId="{layout}"/>'.encode()
    parts["xl/diagrams/quickStyle1.xml"] = f'<dgm:styleDef xmlns:dgm="{DGM}" uniqueId="urn:simple1"/>'.encode()
    parts["xl/diagrams/colors1.xml"] = f'<dgm:colorsDef xmlns:dgm="{DGM}" uniqueId="urn:accent1_2"/>'.encode()
    types = "application/vnd.openxmlformats-officedocument.drawingml"
    _content_types(
        parts,
        {
            "/xl/diagrams/data1.xml": f"{types}.diagramData+xml",
            "/xl/diagrams/layout1.xml": f"{types}.diagramLayout+xml",
            "/xl/diagrams/quickStyle1.xml": f"{types}.diagramStyle+xml",
            "/xl/diagrams/colors1.xml": f"{types}.diagramColors+xml",
            "/xl/diagrams/drawing1.xml": "application/vnd.ms-office.drawingml.diagramDrawing+xml",
        },
    )
    _write(path, parts)


def form_controls(path: Path, sheet_part: str, label: str = "", items: list[str] | None = None) -> None:
    """A label form control showing `label` (Developer > Insert > Label), kept as Excel keeps it in the sheet's
    legacy VML drawing (v:shape > v:textbox > div > font, a line break as <br> unclosed, x:ClientData ObjectType
    "Label"); and a list box whose values were typed in (its control properties part, x14:formControlPr > itemLst
    > item val)."""
    parts = _parts(path)
    text = "<br>\n".join(escape(line) for line in label.split("\n"))
    parts["xl/drawings/vmlDrawing1.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">\n <o:shapelayout v:ext="edit">\n  '
        '<o:idmap v:ext="edit" data="1"/>\n </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" '
        'o:spt="202" path="m,l,21600r21600,l21600,xe">\n  <v:stroke joinstyle="miter"/>\n  '
        '<v:path gradientshapeok="t" o:connecttype="rect"/>\n </v:shapetype><v:shape id="_x0000_s1025" '
        'type="#_x0000_t202" style=\'position:absolute;margin-left:144pt;margin-top:30pt;width:96pt;height:30pt;'
        'z-index:1\' filled="f" stroked="f" o:insetmode="auto">\n  <v:textbox style=\'mso-direction-alt:auto\' '
        f'o:singleclick="f">\n   <div style=\'text-align:left\'><font face="Segoe UI" size="160" '
        f'color="auto">{text}</font></div>\n  </v:textbox>\n  <x:ClientData ObjectType="Label">\n   '
        "<x:Anchor>\n    3, 0, 2, 0, 5, 0, 4, 0</x:Anchor>\n   <x:AutoFill>False</x:AutoFill>\n  </x:ClientData>\n"
        " </v:shape></xml>"
    ).encode()
    _add_relationship(parts, sheet_part, "vmlId1", f"{R}/vmlDrawing", "../drawings/vmlDrawing1.vml")
    listed = "".join(f"<item val={quoteattr(item)}/>" for item in items or [])
    parts["xl/ctrlProps/ctrlProp1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<formControlPr xmlns="{X14}" objectType="List" '
        f'dx="16" sel="0" noThreeD="1"><itemLst>{listed}</itemLst></formControlPr>'
    ).encode()
    _add_relationship(parts, sheet_part, "ctrlId1", f"{R}/ctrlProp", "../ctrlProps/ctrlProp1.xml")
    _in_sheet(parts, sheet_part, '<legacyDrawing r:id="vmlId1"/>')
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="vml"' not in types:
        vml = '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
        parts["[Content_Types].xml"] = types.replace("</Types>", vml + "</Types>").encode()
    _content_types(parts, {"/xl/ctrlProps/ctrlProp1.xml": "application/vnd.ms-excel.controlproperties+xml"})
    _write(path, parts)


def slicer(path: Path, sheet_part: str, name: str, caption: str, source: str, items: list[str]) -> None:
    """A slicer on the sheet (x14:slicers > slicer name, cache, caption) and its cache (x14:slicerCacheDefinition
    name, sourceName), as a cube's slicer keeps its items (olap > levels > level > ranges > range > i n, c), the
    workbook naming the cache (x14:slicerCaches in its extensions)."""
    parts = _parts(path)
    cache = f"Slicer_{source}"
    parts["xl/slicers/slicer1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicers xmlns="{X14}" xmlns:x="{MAIN}">'
        f'<slicer name={quoteattr(name)} cache={quoteattr(cache)} caption={quoteattr(caption)} rowHeight="241300"/>'
        "</slicers>"
    ).encode()
    shown = "".join(f"<i n={quoteattr(f'[Spisak].[{source}].&[{item}]')} c={quoteattr(item)}/>" for item in items)
    parts["xl/slicerCaches/slicerCache1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicerCacheDefinition xmlns="{X14}" '
        f"name={quoteattr(cache)} sourceName={quoteattr(f'[Spisak].[{source}]')}><pivotTables>"
        '<pivotTable tabId="2" name="PivotTable1"/></pivotTables><data><olap pivotCacheId="1"><levels count="1">'
        f"<level uniqueName={quoteattr(f'[Spisak].[{source}].[{source}]')} sourceCaption={quoteattr(source)} "
        f'count="{len(items)}"><ranges><range startItem="0">{shown}</range></ranges></level></levels></olap></data>'
        "</slicerCacheDefinition>"
    ).encode()
    _add_relationship(parts, sheet_part, "slicerId1", f"{OFFICE_2007}/slicer", "../slicers/slicer1.xml")
    _add_relationship(
        parts, "xl/workbook.xml", "slicerId1", f"{OFFICE_2007}/slicerCache", "slicerCaches/slicerCache1.xml"
    )
    _content_types(
        parts,
        {
            "/xl/slicers/slicer1.xml": "application/vnd.ms-excel.slicer+xml",
            "/xl/slicerCaches/slicerCache1.xml": "application/vnd.ms-excel.slicerCache+xml",
        },
    )
    _write(path, parts)


def connection(path: Path, name: str, command: str, description: str = "", fields: list[str] | None = None) -> None:
    """A data connection (Data > Get Data: connections > connection name, description > dbPr connection, command)
    and, where `fields` are given, a query table of its results on no sheet any longer (queryTable name >
    queryTableRefresh > queryTableFields > queryTableField name): the workbook naming the connections part."""
    parts = _parts(path)
    parts["xl/connections.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<connections xmlns="{MAIN}"><connection id="1" '
        f'name={quoteattr(name)} description={quoteattr(description)} type="1" refreshedVersion="6" saveData="1">'
        f'<dbPr connection="DSN=Excel Files;DBQ=C:\\Spiskovi\\spisak.xlsx;DriverId=1046;" '
        f"command={quoteattr(command)}/></connection></connections>"
    ).encode()
    _add_relationship(parts, "xl/workbook.xml", "connId1", f"{R}/connections", "connections.xml")
    overrides = {"/xl/connections.xml": f"{SHEET_TYPES}.connections+xml"}
    if fields:
        listed = "".join(f'<queryTableField id="{n}" name={quoteattr(f)}/>' for n, f in enumerate(fields, 1))
        parts["xl/queryTables/queryTable1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<queryTable xmlns="{MAIN}" '
            f'name={quoteattr(name)} connectionId="1" autoFormatId="16"><queryTableRefresh nextId="{len(fields) + 1}">'
            f'<queryTableFields count="{len(fields)}">{listed}</queryTableFields></queryTableRefresh></queryTable>'
        ).encode()
        overrides["/xl/queryTables/queryTable1.xml"] = f"{SHEET_TYPES}.queryTable+xml"
    _content_types(parts, overrides)
    _write(path, parts)


def word_document(paragraphs: list[str], pictures: int = 0) -> bytes:
    """A .docx (a Word document's package: word/document.xml, w:p > w:r > w:t), with `pictures` pictures."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{escape(first)} </w:t></w:r><w:r><w:t>{escape(rest)}</w:t></w:r></w:p>"
        for first, _, rest in (p.partition(" ") for p in paragraphs)
    )
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        docx.writestr("_rels/.rels", _rels(("rId1", f"{R}/officeDocument", "word/document.xml")))
        docx.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>marija.petrovic@mz.gov.rs</dc:creator>'
            "</cp:coreProperties>",
        )
        docx.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
        for n in range(pictures):
            docx.writestr(f"word/media/image{n + 1}.png", PNG)
    return written.getvalue()


def embedded(path: Path, sheet_part: str, content: bytes, file: str, kind: str = "package") -> None:
    """An object embedded in the sheet (Insert > Object), as Excel keeps it: the sheet's oleObjects > oleObject
    (progId, shapeId, r:id) naming the embedded part (a package: a .docx, or an oleObject: a compound file) and,
    through objectPr r:id, the picture Excel shows of it (an EMF in xl/media)."""
    parts = _parts(path)
    parts[f"xl/embeddings/{file}"] = content
    parts["xl/media/image1.emf"] = b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 64
    _add_relationship(parts, sheet_part, "oleId1", f"{R}/{kind}", f"../embeddings/{file}")
    _add_relationship(parts, sheet_part, "oleId2", f"{R}/image", "../media/image1.emf")
    prog = "Word.Document.12" if kind == "package" else "Package"
    _in_sheet(
        parts,
        sheet_part,
        f'<oleObjects><oleObject progId="{prog}" shapeId="1025" r:id="oleId1"><objectPr defaultSize="0" '
        'r:id="oleId2"><anchor moveWithCells="1"><from><xdr:col xmlns:xdr="' + XDR + '">3</xdr:col></from>'
        "</anchor></objectPr></oleObject></oleObjects>",
    )
    types = parts["[Content_Types].xml"].decode()
    defaults = {
        "emf": "image/x-emf",
        "docx": f"{SHEET_TYPES[:-16]}wordprocessingml.document",
        "bin": "application/vnd.openxmlformats-officedocument.oleObject",
    }
    added = "".join(
        f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults.items() if f'Extension="{e}"' not in types
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", added + "</Types>").encode()
    _write(path, parts)


def picture(path: Path, sheet_part: str, name: str = "Picture 1", content: bytes = PNG) -> None:
    """A picture on the sheet (Insert > Pictures), as Excel keeps it: xdr:pic in the sheet's drawing, its name in
    xdr:cNvPr, its picture named by a:blip r:embed, the picture in xl/media."""
    parts = _parts(path)
    frame = (
        f'<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name={quoteattr(name)}/><xdr:cNvPicPr/></xdr:nvPicPr>'
        f'<xdr:blipFill><a:blip xmlns:r="{R}" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        "<xdr:spPr/></xdr:pic>"
    )
    _drawing_with(parts, sheet_part, frame, [("rId1", f"{R}/image", "../media/image1.png")])
    parts["xl/media/image1.png"] = content
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="png"' not in types:
        parts["[Content_Types].xml"] = types.replace(
            "</Types>", '<Default Extension="png" ContentType="image/png"/></Types>'
        ).encode()
    _write(path, parts)


def header_picture(path: Path, sheet_part: str, content: bytes = PNG) -> None:
    """A picture in the centre of the page's header (Page Layout > Print Titles > Header/Footer > Custom Header >
    Insert Picture, the code &G), as Excel keeps it: a legacy VML drawing the sheet names by legacyDrawingHF, its
    shape "CH" showing the picture (v:imagedata o:relid), the picture in xl/media."""
    parts = _parts(path)
    parts["xl/drawings/vmlDrawing2.vml"] = (
        b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        b'xmlns:x="urn:schemas-microsoft-com:office:excel">\n <o:shapelayout v:ext="edit">\n  '
        b'<o:idmap v:ext="edit" data="1"/>\n </o:shapelayout><v:shapetype id="_x0000_t75" coordsize="21600,21600" '
        b'o:spt="75" o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"/>'
        b'<v:shape id="CH" o:spid="_x0000_s2049" type="#_x0000_t75" style=\'position:absolute;margin-left:0;'
        b'margin-top:0;width:60pt;height:60pt;z-index:1\'>\n  <v:imagedata o:relid="rId1" o:title="grb"/>\n '
        b'<o:lock v:ext="edit" rotation="t"/>\n </v:shape></xml>'
    )
    parts["xl/drawings/_rels/vmlDrawing2.vml.rels"] = _rels(("rId1", f"{R}/image", "../media/image1.png"))
    parts["xl/media/image1.png"] = content
    _add_relationship(parts, sheet_part, "hfId1", f"{R}/vmlDrawing", "../drawings/vmlDrawing2.vml")
    _in_sheet(parts, sheet_part, '<legacyDrawingHF r:id="hfId1"/>')
    _write(path, parts)


def background_picture(path: Path, sheet_part: str, content: bytes = PNG) -> None:
    """A picture as the sheet's background (Page Layout > Background), as Excel keeps it: the sheet's picture r:id,
    the picture in xl/media."""
    parts = _parts(path)
    parts["xl/media/image1.png"] = content
    _add_relationship(parts, sheet_part, "bgId1", f"{R}/image", "../media/image1.png")
    _in_sheet(parts, sheet_part, '<picture r:id="bgId1"/>')
    _write(path, parts)


def package_part(path: Path, name: str, content: bytes, relationship: tuple[str, str] | None = None) -> None:
    """A part `name` added to the package as it is, named by a relationship (source part, type) where given."""
    parts = _parts(path)
    parts[name] = content
    if relationship:
        source, kind = relationship
        if source:
            _add_relationship(parts, source, "extraId1", kind, name[len(source.rpartition("/")[0]) + 1 :])
        else:  # the package's own relationships
            added = f'<Relationship Id="extraId1" Type="{kind}" Target="{name}"/></Relationships>'
            parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"</Relationships>", added.encode())
    _write(path, parts)


def vml_of(path: Path) -> bytes:
    """The legacy VML drawing form_controls wrote."""
    return _parts(path)["xl/drawings/vmlDrawing1.vml"]


RICHDATA = "http://schemas.microsoft.com/office/spreadsheetml/2017/richdata"
RICHDATA_RELS = "http://schemas.microsoft.com/office/2017/06/relationships"
RICH_VALUE_REL = "http://schemas.microsoft.com/office/2022/10/relationships/richValueRel"


def cell_picture(path: Path, sheet_part: str, cell: str, content: bytes = PNG) -> None:
    """A picture placed in a cell (Excel 365: Insert > Pictures > Place in Cell, or IMAGE), as Excel keeps it: the
    cell an error value #VALUE! whose vm attribute (1-based) names a valueMetadata block of xl/metadata.xml, that
    block's rc naming the XLRICHVALUE futureMetadata block whose xlrd:rvb i is the rich value (rdrichvalue.xml's rv),
    its structure's key _rvRel:LocalImageIdentifier the index of the rel in richValueRel.xml, whose r:id leads to the
    picture in xl/media. No drawing: the Selection Pane does not list it."""
    parts = _parts(path)
    picture_cell = f'<c r="{cell}" t="e" vm="1"><v>#VALUE!</v></c>'
    sheet = parts[sheet_part].decode()
    if (kept := re.search(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', sheet)) is not None:  # what the cell held goes
        parts[sheet_part] = sheet.replace(kept[0], picture_cell, 1).encode()
    else:  # a column past the row's last cell
        row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        end = sheet.index("</row>", sheet.index(f'<row r="{row}"'))
        parts[sheet_part] = (sheet[:end] + picture_cell + sheet[end:]).encode()
    parts["xl/metadata.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="{MAIN}" xmlns:xlrd="{RICHDATA}">'
        '<metadataTypes count="1"><metadataType name="XLRICHVALUE" minSupportedVersion="120000" copy="1" '
        'pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" '
        'assign="1" coerce="1"/></metadataTypes><futureMetadata name="XLRICHVALUE" count="1"><bk><extLst>'
        '<ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="0"/></ext></extLst></bk></futureMetadata>'
        '<valueMetadata count="1"><bk><rc t="1" v="0"/></bk></valueMetadata></metadata>'
    ).encode()
    parts["xl/richData/rdrichvalue.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rvData xmlns="{RICHDATA}" count="1">'
        '<rv s="0"><v>0</v><v>5</v></rv></rvData>'
    ).encode()
    parts["xl/richData/rdrichvaluestructure.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rvStructures xmlns="{RICHDATA}" count="1">'
        '<s t="_localImage"><k n="_rvRel:LocalImageIdentifier" t="i"/><k n="CalcOrigin" t="i"/></s></rvStructures>'
    ).encode()
    parts["xl/richData/richValueRel.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<richValueRels '
        f'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2022/richvaluerel" xmlns:r="{R}">'
        '<rel r:id="rId1"/></richValueRels>'
    ).encode()
    parts["xl/richData/_rels/richValueRel.xml.rels"] = _rels(("rId1", f"{R}/image", "../media/image1.png"))
    parts["xl/media/image1.png"] = content
    for rid, kind, target in (
        ("rvId1", f"{R}/sheetMetadata", "metadata.xml"),
        ("rvId2", f"{RICHDATA_RELS}/rdRichValue", "richData/rdrichvalue.xml"),
        ("rvId3", f"{RICHDATA_RELS}/rdRichValueStructure", "richData/rdrichvaluestructure.xml"),
        ("rvId4", RICH_VALUE_REL, "richData/richValueRel.xml"),
    ):
        _add_relationship(parts, "xl/workbook.xml", rid, kind, target)
    _content_types(
        parts,
        {
            "/xl/metadata.xml": f"{SHEET_TYPES}.sheetMetadata+xml",
            "/xl/richData/rdrichvalue.xml": "application/vnd.ms-excel.rdrichvalue+xml",
            "/xl/richData/rdrichvaluestructure.xml": "application/vnd.ms-excel.rdrichvaluestructure+xml",
            "/xl/richData/richValueRel.xml": "application/vnd.ms-excel.richvaluerel+xml",
        },
    )
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="png"' not in types:
        parts["[Content_Types].xml"] = types.replace(
            "</Types>", '<Default Extension="png" ContentType="image/png"/></Types>'
        ).encode()
    _write(path, parts)


X15 = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"
OFFICE_2011 = "http://schemas.microsoft.com/office/2011/relationships"


def timeline(path: Path, sheet_part: str, name: str, caption: str, source: str) -> None:
    """A timeline on the sheet (Insert > Timeline, Excel 2013+: a slicer of dates), as Excel keeps it: x15:timelines >
    timeline name, cache, caption, which the sheet's relationships name; its cache (x15:timelineCacheDefinition name,
    sourceName: the date field it filters, with the PivotTable it filters and the dates chosen), which the workbook's
    relationships name."""
    parts = _parts(path)
    cache = "NativeTimeline_" + source.replace(" ", "_")  # as Excel names it after the field
    parts["xl/timelines/timeline1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<timelines xmlns="{X15}" xmlns:x="{MAIN}">'
        f'<timeline name={quoteattr(name)} cache={quoteattr(cache)} caption={quoteattr(caption)} level="2" '
        'selectionLevel="2" scrollPosition="2018-01-01T00:00:00"/></timelines>'
    ).encode()
    parts["xl/timelineCaches/timelineCache1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<timelineCacheDefinition xmlns="{X15}" '
        f'xmlns:x="{MAIN}" name={quoteattr(cache)} sourceName={quoteattr(source)}><pivotTables>'
        '<pivotTable tabId="2" name="PivotTable1"/></pivotTables><state minimalRefreshVersion="6" '
        'lastRefreshVersion="6" pivotCacheId="1" filterType="dateBetween"><selection startDate="2018-01-01T00:00:00" '
        'endDate="2018-03-31T00:00:00"/><bounds startDate="2017-01-01T00:00:00" endDate="2019-01-01T00:00:00"/>'
        "</state></timelineCacheDefinition>"
    ).encode()
    _add_relationship(parts, sheet_part, "timelineId1", f"{OFFICE_2011}/timeline", "../timelines/timeline1.xml")
    _add_relationship(
        parts, "xl/workbook.xml", "timelineId1", f"{OFFICE_2011}/timelineCache", "timelineCaches/timelineCache1.xml"
    )
    _content_types(
        parts,
        {
            "/xl/timelines/timeline1.xml": "application/vnd.ms-excel.timeline+xml",
            "/xl/timelineCaches/timelineCache1.xml": "application/vnd.ms-excel.timelineCache+xml",
        },
    )
    _write(path, parts)


def mashup(section: str, columns: tuple[str, ...] = ("Mesec", "Broj")) -> str:
    """A Data Mashup binary stream (MS-QDEFF 2.2) holding `section` as its M code, base64-encoded as the DataMashup
    element keeps it: its version (0) and length, then its package parts (a zip: [Content_Types].xml,
    Config/Package.xml, Formulas/Section1.m), then its permissions, metadata and permission bindings, each after its
    length. The metadata keeps an item of the query "Pozivi" (Section1/Pozivi) with the entries Excel writes of a
    query loaded to a sheet, `columns` the names of the columns it loaded."""
    import base64
    import struct

    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="text/xml" /><Default Extension="m" '
            'ContentType="application/x-ms-m" /></Types>',
        )
        zipped.writestr(
            "Config/Package.xml",
            '<?xml version="1.0" encoding="utf-8"?><Package xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Version>1.0.0.0</Version>'
            "<MinVersion>2.21.0.0</MinVersion><Culture>sr-Latn-RS</Culture></Package>",
        )
        zipped.writestr("Formulas/Section1.m", "\ufeff" + section)
    permissions = (
        '\ufeff<?xml version="1.0" encoding="utf-8"?><PermissionList xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><CanEvaluateFuturePackages>false'
        "</CanEvaluateFuturePackages><FirewallEnabled>true</FirewallEnabled></PermissionList>"
    ).encode()
    metadata_xml = (
        '\ufeff<?xml version="1.0" encoding="utf-8"?><LocalPackageMetadataFile xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance"><Items><Item><ItemLocation><ItemType>AllFormulas</ItemType><ItemPath /></ItemLocation>'
        "<StableEntries /></Item><Item><ItemLocation><ItemType>Formula</ItemType><ItemPath>Section1/Pozivi</ItemPath>"
        '</ItemLocation><StableEntries><Entry Type="IsPrivate" Value="l0" /><Entry Type="FillEnabled" Value="l1" />'
        '<Entry Type="FillObjectType" Value="sTable" /><Entry Type="FillToDataModelEnabled" Value="l0" />'
        '<Entry Type="QueryID" Value="s3f2c9a71-5d0e-4b8a-9c61-0a7e52d3b914" /><Entry Type="FillLastUpdated" '
        'Value="d2018-04-05T08:31:12.5531092Z" /><Entry Type="FillErrorCount" Value="l0" />'
        f'<Entry Type="FillColumnNames" Value={quoteattr("s" + json.dumps(list(columns), ensure_ascii=False))} />'
        '<Entry Type="FillStatus" Value="sComplete" /><Entry Type="FillCount" Value="l12" /></StableEntries>'
        "</Item></Items></LocalPackageMetadataFile>"
    ).encode()
    metadata = struct.pack("<II", 0, len(metadata_xml)) + metadata_xml + struct.pack("<I", 0)
    stream = struct.pack("<II", 0, len(package.getvalue())) + package.getvalue()
    for block in (permissions, metadata, b""):
        stream += struct.pack("<I", len(block)) + block
    return base64.b64encode(stream).decode()


def power_query(path: Path, name: str, encoded: str) -> None:
    """A Power Query query loaded as a connection (Data > Get Data), as Excel keeps it: its M code in a custom XML
    part (customXml/item1.xml, in UTF-16 with a byte order mark: <DataMashup> holding `encoded`, the base64 of a
    Data Mashup binary stream), that part's properties (customXml/itemProps1.xml) and its relationship from the
    workbook; and the connection to the query (connections > connection, dbPr of the Mashup OLE DB provider)."""
    parts = _parts(path)
    parts["customXml/item1.xml"] = (
        '<?xml version="1.0" encoding="utf-16"?><DataMashup xmlns="http://schemas.microsoft.com/DataMashup">'
        f"{encoded}</DataMashup>"
    ).encode("utf-16")  # a byte order mark, then little-endian, as Windows writes it
    parts["customXml/itemProps1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem '
        b'ds:itemID="{8C9D3C5E-7A11-4F4B-9E0B-3F5E2C6A1B20}" '
        b'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/>'
        b"</ds:datastoreItem>"
    )
    parts["customXml/_rels/item1.xml.rels"] = _rels(("rId1", f"{R}/customXmlProps", "itemProps1.xml"))
    _add_relationship(parts, "xl/workbook.xml", "mashupId1", f"{R}/customXml", "../customXml/item1.xml")
    parts["xl/connections.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<connections xmlns="{MAIN}"><connection id="1" '
        f'keepAlive="1" name={quoteattr(f"Query - {name}")} '
        f'description={quoteattr(f"Connection to the {name!r} query in the workbook.")} type="5" '
        'refreshedVersion="8" background="1"><dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data '
        f'Source=$Workbook$;Location={escape(name)};Extended Properties=&quot;&quot;" '
        f"command={quoteattr(f'SELECT * FROM [{name}]')}/></connection></connections>"
    ).encode()
    _add_relationship(parts, "xl/workbook.xml", "connId1", f"{R}/connections", "connections.xml")
    _content_types(
        parts,
        {
            "/customXml/itemProps1.xml": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
            "/xl/connections.xml": f"{SHEET_TYPES}.connections+xml",
        },
    )
    _write(path, parts)


# How an Analysis Services backup starts (the data model Power Pivot keeps): a byte order mark and this signature in
# UTF-16, 72 bytes, then a page of its header in XML (UTF-16 too)
DATA_MODEL = (
    b"\xff\xfe"
    + "STREAM_STORAGE_SIGNATURE_)!@#$%^&*(".encode("utf-16-le")
    + "<BackupLogHeader><BackupRestoreSyncVersion>2</BackupRestoreSyncVersion>".encode("utf-16-le")
    + b"\x00" * 512
)


def data_model(path: Path, content: bytes = DATA_MODEL) -> None:
    """A data model (Power Pivot; Data > Get Data ... Add this data to the Data Model), as Excel keeps it: a binary
    part xl/model/item.data that the workbook's relationships name, and the connection to it (ThisWorkbookDataModel)."""
    parts = _parts(path)
    parts["xl/model/item.data"] = content
    _add_relationship(
        parts,
        "xl/workbook.xml",
        "modelId1",
        "http://schemas.microsoft.com/office/2006/relationships/powerPivotData",
        "model/item.data",
    )
    parts["xl/connections.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<connections xmlns="{MAIN}"><connection id="1" '
        'keepAlive="1" name="ThisWorkbookDataModel" description="Data Model" type="5" refreshedVersion="8" '
        'minRefreshableVersion="5" background="1"><dbPr connection="Data Model Connection" '
        'command="Model" commandType="1"/></connection></connections>'
    ).encode()
    _add_relationship(parts, "xl/workbook.xml", "connId1", f"{R}/connections", "connections.xml")
    _content_types(
        parts,
        {
            "/xl/model/item.data": "application/vnd.ms-excel.model",
            "/xl/connections.xml": f"{SHEET_TYPES}.connections+xml",
        },
    )
    _write(path, parts)
