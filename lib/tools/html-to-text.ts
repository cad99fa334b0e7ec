/** Readable text from an HTML page, for a model to read. */
export interface ExtractedPage {
  title: string | undefined;
  text: string;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  copy: "©", reg: "®", trade: "™", hellip: "…", mdash: "—", ndash: "–", minus: "−",
  lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„", laquo: "«", raquo: "»",
  bull: "•", middot: "·", deg: "°", plusmn: "±", times: "×", divide: "÷", frac12: "½", frac14: "¼",
  frac34: "¾", sup2: "²", sup3: "³", micro: "µ", para: "¶", sect: "§", euro: "€", pound: "£",
  yen: "¥", cent: "¢", shy: "", zwj: "", zwnj: "", larr: "←", rarr: "→", uarr: "↑", darr: "↓",
  le: "≤", ge: "≥", ne: "≠", infin: "∞", asymp: "≈", prime: "′", Prime: "″", dagger: "†",
  aelig: "æ", AElig: "Æ", oslash: "ø", Oslash: "Ø", szlig: "ß", eth: "ð", ETH: "Ð", thorn: "þ", THORN: "Þ",
  iexcl: "¡", iquest: "¿", ordf: "ª", ordm: "º", alpha: "α", beta: "β", pi: "π", mu: "μ", Omega: "Ω",
};

// Accented Latin letters (&eacute;, &Uuml;, &ccedil; …) compose from the letter and a combining mark.
const COMBINING_MARKS: Readonly<Record<string, string>> = {
  acute: "\u0301", grave: "\u0300", circ: "\u0302", tilde: "\u0303", uml: "\u0308", ring: "\u030a", cedil: "\u0327",
};

function accentedLetter(name: string): string | undefined {
  const match = /^([a-zA-Z])(acute|grave|circ|tilde|uml|ring|cedil)$/.exec(name);
  if (!match) return undefined;
  const composed = (match[1] + COMBINING_MARKS[match[2]]).normalize("NFC");
  return composed.length === 1 ? composed : undefined;
}

/** Decodes named (common ones) and numeric character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : "\uFFFD";
    }
    // Only a terminated reference is an entity: "AT&T" and "?a=1&b=2" must survive.
    if (!whole.endsWith(";")) return whole;
    return Object.hasOwn(NAMED_ENTITIES, ref) ? NAMED_ENTITIES[ref] : (accentedLetter(ref) ?? whole);
  });
}

// Content that is never prose: removed with everything inside it.
const DROPPED_ELEMENTS = ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select"];

const BLOCK_TAGS =
  "address|article|aside|blockquote|body|br|caption|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|legend|li|main|nav|ol|p|pre|section|summary|table|tbody|tfoot|thead|tr|ul";

/** Converts an HTML document to readable plain text, keeping paragraph breaks and list items. */
export function htmlToText(html: string): ExtractedPage {
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch ? collapseInline(decodeEntities(stripTags(titleMatch[1]))) || undefined : undefined;

  let body = html.replace(/<!--[\s\S]*?(?:-->|$)/g, " ");
  body = body.replace(/<head\b[\s\S]*?(?:<\/head\s*>|(?=<body\b))/i, " ");
  for (const tag of DROPPED_ELEMENTS) {
    body = body.replace(new RegExp(`<${tag}\\b[\\s\\S]*?(?:<\\/${tag}\\s*>|$)`, "gi"), " ");
  }
  // Closing tags of items and rows add nothing: the next opening tag already starts a line.
  body = body.replace(/<\/(?:li|tr)\s*>/gi, "").replace(/<li\b[^>]*>/gi, "\n- ");
  body = body.replace(/<(?:td|th)\b[^>]*>/gi, " | ");
  body = body.replace(new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b[^>]*>`, "gi"), "\n");
  body = decodeEntities(stripTags(body));

  const text = body
    .split("\n")
    .map((line) => collapseInline(line).replace(/^\|\s*/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { title, text };
}

function stripTags(html: string): string {
  return html.replace(/<\/?[a-z!?][^>]*>/gi, " ");
}

function collapseInline(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}
