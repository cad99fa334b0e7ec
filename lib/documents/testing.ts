/** Fixture builders for document tests and the benchmark: real files made with real libraries. */
import { strToU8, zipSync, type Zippable } from "fflate";

/** A one-page PDF with one text line per entry (Helvetica), xref offsets computed. */
export function pdfBytes(lines: readonly string[]): Uint8Array {
  const escape = (line: string) => line.replace(/[\\()]/g, "\\$&");
  const content = `BT /F1 12 Tf 72 720 Td ${lines.map((line, i) => `${i ? "0 -16 Td " : ""}(${escape(line)}) Tj`).join(" ")} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return strToU8(out);
}

/** A minimal Word document (the three parts a .docx needs), one paragraph per entry. */
export function docxBytes(paragraphs: readonly string[]): Uint8Array {
  const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${xmlEscape(p)}</w:t></w:r></w:p>`).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/document.xml": strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });
}

/** A zip of text (or byte) files; `symlinks` are stored with Unix symlink mode bits. */
export function zipBytes(files: Record<string, string | Uint8Array>, symlinks: Record<string, string> = {}): Buffer {
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(files)) entries[path] = typeof content === "string" ? strToU8(content) : content;
  // os 3 = Unix: the high 16 bits of the external attributes are the file mode.
  for (const [path, target] of Object.entries(symlinks)) entries[path] = [strToU8(target), { os: 3, attrs: (0o120777 << 16) >>> 0 }];
  return Buffer.from(zipSync(entries));
}

/**
 * A zip that lies: each entry declares `declaredBytes` unpacked although it inflates to far
 * more, so only the bytes that actually come out can catch it.
 */
export function lyingZip(path: string, actualBytes: number, declaredBytes: number): Buffer {
  const zip = zipBytes({ [path]: new Uint8Array(actualBytes) });
  // Uncompressed size: offset 22 in the local header (PK\x03\x04), 24 in the central directory entry (PK\x01\x02).
  for (let i = 0; i + 4 <= zip.length; i++) {
    const signature = zip.readUInt32LE(i);
    if (signature === 0x04034b50) zip.writeUInt32LE(declaredBytes, i + 22);
    if (signature === 0x02014b50) zip.writeUInt32LE(declaredBytes, i + 24);
  }
  return zip;
}
