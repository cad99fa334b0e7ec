import type { Rng } from "./random";
import type { JsonObject } from "./request";
import { phrase, sentences, title } from "./text";
import type { Topic } from "./topic";

/** What generators know while filling one value of a structured output or tool arguments. */
export interface FieldContext {
  rng: Rng;
  topic: Topic;
  /** The property (or, for array items, the array) name the value is for. */
  name?: string;
  /** Position within the closest enclosing array; spreads titles, enums and phrases over items. */
  index: number;
  /** The verdict already decided for this response, so feedback and flags agree with it. */
  verdict?: "approve" | "revise";
}

function words(name: string | undefined): string {
  return (name ?? "").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
}

const has = (name: string, pattern: RegExp) => pattern.test(name);

function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "item";
}

function fitLength(value: string, schema: JsonObject, extra: () => string): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  let out = value;
  for (let i = 0; out.length < min && i < 1000; i++) out = `${out} ${extra()}`.trim();
  if (out.length < min) out = out.padEnd(min, ".");
  if (out.length > max) {
    const cut = out.slice(0, max);
    const space = cut.lastIndexOf(" ");
    out = space >= Math.min(min, max) && space > 0 ? cut.slice(0, space).replace(/[,;:]$/, "") : cut;
    if (out.length < min) out = cut;
  }
  return out;
}

const BASE_DAY = Date.UTC(2025, 0, 15, 9, 30);
const DAY_MS = 86_400_000;

function formatted(format: string, ctx: FieldContext): string | undefined {
  const focus = ctx.topic.phrases[ctx.index % ctx.topic.phrases.length];
  const when = new Date(BASE_DAY + ctx.index * DAY_MS).toISOString();
  switch (format) {
    case "date-time":
      return when.replace(/\.\d{3}Z$/, "Z");
    case "date":
      return when.slice(0, 10);
    case "time":
      return when.slice(11, 19) + "Z";
    case "email":
    case "idn-email":
      return `${slug(focus).slice(0, 30)}@example.com`;
    case "uri":
    case "url":
    case "iri":
    case "uri-reference":
      return ctx.topic.urls[ctx.index] ?? `https://example.com/${slug(focus)}`;
    case "hostname":
      return "example.com";
    case "ipv4":
      return `192.0.2.${(ctx.index % 254) + 1}`;
    case "ipv6":
      return `2001:db8::${(ctx.index % 65535).toString(16)}`;
    case "uuid": {
      const hex = Array.from({ length: 32 }, () => ctx.rng.int(0, 15).toString(16)).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    }
    default:
      return undefined;
  }
}

/** A string that reads as a plausible value for the field: titles short, instructions and feedback a few sentences. */
export function stringValue(schema: JsonObject, ctx: FieldContext): string {
  const name = words(ctx.name);
  const { topic, rng, index } = ctx;
  const focus = topic.phrases[index % topic.phrases.length];
  const byFormat = typeof schema.format === "string" ? formatted(schema.format, ctx) : undefined;
  let value: string;
  if (byFormat !== undefined) value = byFormat;
  else if (has(name, /\b(urls?|uris?|links?|href|website)\b/)) value = formatted("uri", ctx) ?? "";
  else if (has(name, /\bemail\b/)) value = formatted("email", ctx) ?? "";
  else if (has(name, /\b(id|uuid|key|slug)$/)) value = `${slug(focus).slice(0, 40)}-${index + 1}`;
  else if (has(name, /\b(date|deadline|due|created|updated|timestamp)\b/)) value = formatted("date", ctx) ?? "";
  else if (has(name, /\bverdict\b/)) value = ctx.verdict ?? "approve";
  else if (has(name, /\b(titles?|headings?|headlines?|subjects?)\b/)) value = title(topic, rng, index);
  else if (has(name, /\b(names?|labels?|topics?|tags?|categor(y|ies)|keywords?)\b/)) value = phrase(topic, index);
  else if (has(name, /\b(query|queries|search|terms?|questions?)\b/)) value = `${phrase(topic, index)} ${ctx.topic.phrases[0] === focus ? "overview" : "evidence"}`;
  else if (has(name, /\b(instructions?|prompts?|tasks?|steps?|todo|actions?|directions?|goals?)\b/))
    value = sentences(topic, rng, rng.int(2, 3), "instructions", focus);
  else if (has(name, /\b(feedback|critique|reviews?|comments?|issues?|suggestions?)\b/))
    value = sentences(topic, rng, 2, ctx.verdict === "revise" ? "revision" : "approval", focus);
  else if (has(name, /\b(output|answer|content|report|final|draft|result|response|body|conclusion)\b/))
    value = sentences(topic, rng, rng.int(4, 5), "statement", focus);
  else if (has(name, /\b(summary|description|reason|rationale|explanation|details?|analysis|notes?|message|text|justification)\b/))
    value = sentences(topic, rng, rng.int(2, 3), "statement", focus);
  else if (has(name, /\b(lang|language|locale)\b/)) value = "en";
  else value = phrase(topic, index);
  return fitLength(value, schema, () => sentences(topic, rng, 1));
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function defaultRange(name: string, integer: boolean): [number, number] {
  if (has(name, /\b(confidence|probability|likelihood|certainty)\b/)) return integer ? [50, 100] : [0.5, 0.99];
  if (has(name, /\b(score|rating|priority|importance)\b/)) return [1, 10];
  if (has(name, /\b(percent|percentage|pct)\b/)) return [0, 100];
  if (has(name, /\byear\b/)) return [2020, 2025];
  if (has(name, /\b(count|quantity|number|total|amount)\b/)) return [1, 20];
  return [1, 100];
}

/** A number or integer inside the schema's bounds (inclusive, exclusive, draft-4 boolean exclusives, multipleOf). */
export function numberValue(schema: JsonObject, integer: boolean, ctx: FieldContext): number {
  const name = words(ctx.name);
  let lo = num(schema.minimum);
  let hi = num(schema.maximum);
  let loOpen = schema.exclusiveMinimum === true;
  let hiOpen = schema.exclusiveMaximum === true;
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  if (exMin !== undefined && (lo === undefined || exMin >= lo)) [lo, loOpen] = [exMin, true];
  if (exMax !== undefined && (hi === undefined || exMax <= hi)) [hi, hiOpen] = [exMax, true];
  const [dLo, dHi] = defaultRange(name, integer);
  if (lo === undefined && hi === undefined) [lo, hi] = [dLo, dHi];
  else if (lo === undefined) lo = Math.min(dLo, hi! - (dHi - dLo));
  else if (hi === undefined) hi = Math.max(dHi, lo + (dHi - dLo));
  let low = lo!;
  let high = hi!;
  if (integer) {
    low = loOpen ? Math.floor(low) + 1 : Math.ceil(low);
    high = hiOpen ? Math.ceil(high) - 1 : Math.floor(high);
  }
  const r = 0.15 + 0.7 * ctx.rng.next();
  let value = low + (high - low) * r;
  const step = num(schema.multipleOf);
  if (step && step > 0) {
    value = Math.round(value / step) * step;
    if (value < low || (loOpen && !integer && value <= low)) value += step;
    if (value > high || (hiOpen && !integer && value >= high)) value -= step;
    return integer ? Math.round(value) : Number(value.toPrecision(12));
  }
  if (integer) return Math.min(Math.max(Math.round(value), low), Math.max(low, high));
  const rounded = Math.round(value * 100) / 100;
  return rounded > low && rounded < high ? rounded : value;
}

/** A boolean; approval-like flags follow the decided verdict. */
export function booleanValue(ctx: FieldContext): boolean {
  const name = words(ctx.name);
  if (has(name, /\b(approved?|accept(ed)?|pass(ed|es)?|valid|success(ful)?|complete[d]?|done|ok)\b/)) return ctx.verdict !== "revise";
  if (has(name, /\b(needs? revision|revise|reject(ed)?|failed?|error)\b/)) return ctx.verdict === "revise";
  return (ctx.index + ctx.rng.int(0, 1)) % 2 === 0;
}
