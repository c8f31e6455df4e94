#!/usr/bin/env python3
"""Reads a Factur-X PDF with tools other than the code that wrote it.

Usage: check_pdfa.py FILE.pdf OUT_DIR  ->  JSON on stdout:
  qpdf_check      "ok" or qpdf --check's complaints
  attachment      path of factur-x.xml as pdfdetach (poppler) saved it
  xmp             the XMP properties PDF/A and Factur-X read (pdfaid, fx, dc, xmp dates)
  filespec        /AFRelationship, /Subtype of the embedded file, and whether /AF lists it
  output_intent   /S, the ICC profile's /N, version, class and colour space
  metadata_filter the /Filter of the XMP stream (PDF/A: none)
  fonts           fonts pdffonts reports as not embedded
  info            the document information dictionary
  version         the PDF header version
  violations      what this reader finds against the PDF/A-2/3 rules it knows (ISO 19005-2/3
                  §6.1–6.6): file structure (binary comment, nothing after %%EOF, a file /ID, no
                  encryption, no external or LZW streams), images (no /Interpolate true, no
                  /Alternates, standard rendering intents), graphics states (no transfer
                  functions, standard blend modes), no PostScript or reference XObjects, no
                  JavaScript nor forbidden actions, no additional actions on the catalogue or
                  pages, every annotation printable and visible.
"""
import json
import subprocess
import sys
from pathlib import Path

from lxml import etree


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken",
               "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight",
               "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity"}
INTENTS = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide",
                     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}
ANNOTATIONS = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon",
               "/PolyLine", "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp",
               "/Caret", "/Ink", "/FileAttachment", "/Widget", "/PrinterMark", "/TrapNet",
               "/Watermark", "/Redact", "/Sound", "/Movie", "/Screen", "/3D"}


def violations(data, objects, trailer, root):
    found = []
    # 6.1.2: a comment of at least four bytes above 127 right after the header.
    second = data.split(b"\n", 2)[1] if data.count(b"\n") >= 2 else b""
    if not (second.startswith(b"%") and sum(1 for b in second[1:5] if b > 127) == 4):
        found.append("6.1.2 no binary comment after the header")
    # 6.1.3: a file identifier, no encryption, nothing after the last %%EOF but an end of line.
    if "/ID" not in trailer:
        found.append("6.1.3 no /ID in the trailer")
    if "/Encrypt" in trailer:
        found.append("6.1.3 encrypted")
    tail = data[data.rfind(b"%%EOF") + 5:]
    if tail not in (b"", b"\n", b"\r\n", b"\r"):
        found.append("6.1.3 data after %%EOF")
    for key, entry in objects.items():
        if not key.startswith("obj:"):
            continue
        is_stream = "stream" in entry
        d = entry.get("stream", {}).get("dict") if is_stream else entry.get("value")
        if not isinstance(d, dict):
            continue
        where = key[4:]
        filters = d.get("/Filter")
        filters = filters if isinstance(filters, list) else [filters]
        if is_stream and "/LZWDecode" in filters:
            found.append(f"6.1.7 LZW stream {where}")
        if is_stream and any(k in d for k in ("/F", "/FFilter", "/FDecodeParms")):
            found.append(f"6.1.7 external stream {where}")
        if d.get("/Interpolate") is True:
            found.append(f"6.2.8 /Interpolate true on image {where}")
        if d.get("/Subtype") == "/Image" and "/Alternates" in d:
            found.append(f"6.2.8 /Alternates on image {where}")
        if "/Intent" in d and d.get("/Intent") not in INTENTS and d.get("/Subtype") == "/Image":
            found.append(f"6.2.5 rendering intent {d.get('/Intent')} on {where}")
        if d.get("/Type") == "/ExtGState" or "/BM" in d or "/TR" in d:
            if "/TR" in d or ("/TR2" in d and d.get("/TR2") != "/Default"):
                found.append(f"6.2.5 transfer function in {where}")
            modes = d.get("/BM")
            modes = modes if isinstance(modes, list) else ([modes] if modes else [])
            if any(m not in BLEND_MODES for m in modes):
                found.append(f"6.2.10 blend mode {modes} in {where}")
        if d.get("/Subtype") == "/PS" or "/OPI" in d or (d.get("/Subtype") == "/Form" and "/Ref" in d):
            found.append(f"6.2.9 PostScript, OPI or reference XObject {where}")
        if d.get("/S") in FORBIDDEN_ACTIONS or "/JS" in d:
            found.append(f"6.6.1 action {d.get('/S')} in {where}")
        if d.get("/Type") == "/Page" and "/AA" in d:
            found.append(f"6.6.2 additional actions on page {where}")
        if d.get("/Subtype") in ANNOTATIONS and "/Rect" in d:
            flags = d.get("/F", 0) if isinstance(d.get("/F", 0), int) else 0
            if not flags & 4 or flags & (1 | 2 | 32):
                found.append(f"6.3.2 annotation {where} not printable or hidden (F={flags})")
    if "/AA" in root:
        found.append("6.6.2 additional actions on the catalogue")
    return found


def main():
    pdf, out = Path(sys.argv[1]), Path(sys.argv[2])
    report = {}
    check = run("qpdf", "--check", str(pdf))
    report["qpdf_check"] = "ok" if check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout else check.stdout + check.stderr

    detach = run("pdfdetach", "-list", str(pdf))
    report["attachments"] = detach.stdout
    target = out / "extracted.xml"
    run("pdfdetach", "-savefile", "factur-x.xml", "-o", str(target), str(pdf))
    report["attachment"] = str(target) if target.exists() else None

    data = json.loads(run("qpdf", "--json=2", "--json-stream-data=none", str(pdf)).stdout)
    objects = data["qpdf"][1]
    def obj(ref):
        entry = objects.get("obj:" + ref) if isinstance(ref, str) else None
        if entry is None:
            return None
        return entry.get("value", entry.get("stream", {}).get("dict"))
    trailer = objects["trailer"]["value"]
    root = obj(trailer["/Root"])
    head = pdf.read_bytes()[:8].decode("latin-1")
    report["version"] = head[5:8]
    af = root.get("/AF", [])
    af = obj(af) if isinstance(af, str) else af
    spec = obj(af[0]) if af else None
    report["filespec"] = None
    if spec:
        ef = spec.get("/EF", {})
        ef = obj(ef) if isinstance(ef, str) else ef
        stream = obj(ef.get("/F")) if ef else None
        report["filespec"] = {
            "AFRelationship": spec.get("/AFRelationship"),
            "F": spec.get("/F"),
            "UF": spec.get("/UF"),
            "Subtype": stream.get("/Subtype") if stream else None,
            "listed_in_names": "/EmbeddedFiles" in str(obj(root["/Names"]) if isinstance(root.get("/Names"), str) else root.get("/Names")),
        }
    intents = root.get("/OutputIntents", [])
    intents = obj(intents) if isinstance(intents, str) else intents
    report["output_intent"] = None
    if intents:
        intent = obj(intents[0]) if isinstance(intents[0], str) else intents[0]
        profile_ref = intent.get("/DestOutputProfile")
        profile_dict = obj(profile_ref)
        num = profile_ref.split()[0]
        icc_path = out / "profile.icc"
        with open(icc_path, "wb") as f:
            f.write(subprocess.run(["qpdf", "--show-object=" + num, "--filtered-stream-data", str(pdf)], capture_output=True).stdout)
        icc = icc_path.read_bytes()
        report["output_intent"] = {
            "S": intent.get("/S"),
            "N": profile_dict.get("/N"),
            "icc_size_field": int.from_bytes(icc[0:4], "big") if len(icc) >= 128 else None,
            "icc_bytes": len(icc),
            "icc_version": f"{icc[8]}.{icc[9] >> 4}" if len(icc) >= 128 else None,
            "icc_class": icc[12:16].decode("latin-1") if len(icc) >= 128 else None,
            "icc_space": icc[16:20].decode("latin-1") if len(icc) >= 128 else None,
            "icc_pcs": icc[20:24].decode("latin-1") if len(icc) >= 128 else None,
            "icc_signature": icc[36:40].decode("latin-1") if len(icc) >= 128 else None,
        }

    meta_ref = root.get("/Metadata")
    meta_num = meta_ref.split()[0]
    meta_dict = obj(meta_ref)
    report["metadata_filter"] = meta_dict.get("/Filter")
    xmp_bytes = subprocess.run(["qpdf", "--show-object=" + meta_num, "--raw-stream-data", str(pdf)], capture_output=True).stdout
    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
          "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
          "dc": "http://purl.org/dc/elements/1.1/",
          "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdf": "http://ns.adobe.com/pdf/1.3/",
          "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#"}
    start = xmp_bytes.find(b"<x:xmpmeta")
    end = xmp_bytes.find(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    tree = etree.fromstring(xmp_bytes[start:end])
    def one(path):
        found = tree.xpath(path, namespaces=ns)
        return found[0].text if found else None
    report["xmp"] = {
        "packet_header": xmp_bytes[:9].decode("latin-1"),
        "part": one("//pdfaid:part"),
        "conformance": one("//pdfaid:conformance"),
        "DocumentType": one("//fx:DocumentType"),
        "DocumentFileName": one("//fx:DocumentFileName"),
        "Version": one("//fx:Version"),
        "ConformanceLevel": one("//fx:ConformanceLevel"),
        "extension_namespace": one("//pdfaSchema:namespaceURI"),
        "extension_prefix": one("//pdfaSchema:prefix"),
        "title": one("//dc:title/rdf:Alt/rdf:li"),
        "creator": one("//dc:creator/rdf:Seq/rdf:li"),
        "producer": one("//pdf:Producer"),
        "create_date": one("//xmp:CreateDate"),
    }
    info = obj(trailer.get("/Info")) if isinstance(trailer.get("/Info"), str) else trailer.get("/Info")
    report["info"] = info

    report["violations"] = violations(pdf.read_bytes(), objects, trailer, root)

    fonts = run("pdffonts", str(pdf)).stdout.splitlines()[2:]
    report["fonts_total"] = len(fonts)
    # Columns: name, type, encoding, emb, sub, uni, object, ID.
    report["fonts"] = [line for line in fonts if len(line.split()) >= 5 and line.split()[-5] == "no"]
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
