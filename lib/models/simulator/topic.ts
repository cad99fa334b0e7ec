import type { SimRequest } from "./request";

/** What a conversation is about, as key noun phrases, so generated text can talk about it. */
export interface Topic {
  /** Key phrases, most salient first; always at least four. */
  phrases: string[];
  /** URLs mentioned in the conversation, in order of appearance. */
  urls: string[];
  /** Numbers mentioned by the user or system prompt, in order of appearance. */
  numbers: number[];
}

// Function words plus the verbs and meta-words prompts are full of, so phrases come out as subject matter.
const STOPWORDS = new Set(
  (
    "a an the and or but nor so yet for of to in on at by with from into onto over under about above below between " +
    "through during before after without within across against among around toward towards upon via per than then " +
    "is are was were be been being am do does did done doing have has had having will would shall should can could may " +
    "might must not no yes it its it's this that these those there here their they them we our us you your yours i me my " +
    "he she his her him who whom whose which what when where why how all any each every both few more most other some such " +
    "only own same too very just also as if else because while until again further once out up down off " +
    "please write give make use using used provide create list explain describe tell help find show return need needs want " +
    "include including summarize summarise analyze analyse compare answer respond reply keep try get let take consider focus " +
    "task tasks subtask subtasks context upstream input output outputs instructions instruction feedback previous result results " +
    "step steps based following given below above short brief concise detailed clear good best new one two three many much well " +
    "like e.g i.e etc via assistant user system json format response responses words sentence sentences paragraph paragraphs"
  ).split(/\s+/),
);

const FALLBACK_PHRASES = ["the main goal", "the key constraints", "the practical trade-offs", "the next steps"];
const WORD = /[\p{L}][\p{L}\p{N}'’-]*|\p{N}+(?:[.,]\p{N}+)*/gu;
const URL = /\bhttps?:\/\/[^\s<>"'`)\]]+/g;
const NUMBER = /(?<![\p{L}\d.])-?\d+(?:\.\d+)?(?![\p{L}\d])/gu;
const MAX_PHRASE_WORDS = 3;
const SENTENCE_END = /[.!?:\n]\s*$/;

function displayWord(word: string, sentenceStart: boolean): string {
  const hasInnerCapital = /\p{Lu}/u.test(word.slice(1));
  const isAcronym = word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word);
  if (hasInnerCapital || isAcronym || (!sentenceStart && /^\p{Lu}/u.test(word))) return word;
  return word.toLowerCase();
}

/** Noun-phrase-like runs of content words, broken at stopwords and punctuation. */
export function extractPhrases(text: string): string[] {
  const phrases: string[] = [];
  let run: string[] = [];
  let lastEnd = 0;
  const flush = () => {
    if (run.length > 0 && (run.length > 1 || run[0].length >= 4)) phrases.push(run.slice(0, MAX_PHRASE_WORDS).join(" "));
    run = [];
  };
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const gap = text.slice(lastEnd, start);
    // A word match never ends in [.!?:\n], so testing the gap alone equals testing the whole text
    // before `start`, without rescanning a growing prefix for every word.
    const sentenceStart = lastEnd === 0 ? !/\S/.test(gap) : SENTENCE_END.test(gap);
    if (/[^\s]/.test(gap)) flush();
    lastEnd = start + m[0].length;
    const word = m[0].replace(/['’]s$/u, "");
    if (STOPWORDS.has(word.toLowerCase()) || /^\p{N}/u.test(word)) {
      flush();
      continue;
    }
    run.push(displayWord(word, sentenceStart));
  }
  flush();
  return phrases;
}

/**
 * The topic of a request: phrases from the latest user message first (it carries the actual ask),
 * then the rest of the conversation, ranked by how often they recur.
 */
export function topicOf(req: SimRequest): Topic {
  const userTexts = req.texts.filter((t) => t.role === "user").map((t) => t.text);
  const latest = userTexts.at(-1) ?? "";
  const isInstructions = (role: string) => role === "system" || role === "developer";
  const conversation = req.texts.filter((t) => t.text !== latest && t.role !== "tool" && !isInstructions(t.role)).map((t) => t.text);
  const scored = new Map<string, { score: number; order: number; display: string }>();
  const add = (text: string, weight: number) => {
    for (const p of extractPhrases(text)) {
      const key = p.toLowerCase();
      const entry = scored.get(key) ?? { score: 0, order: scored.size, display: p };
      entry.score += weight * (1 + 0.5 * (p.split(" ").length - 1));
      scored.set(key, entry);
    }
  };
  add(latest, 3);
  for (const t of conversation) add(t, 1);
  // A system prompt describes the assistant's role, not the subject: only a fallback source.
  if (scored.size < 4) for (const t of req.texts.filter((x) => isInstructions(x.role))) add(t.text, 0.1);
  const ranked = [...scored.values()].sort((a, b) => b.score - a.score || a.order - b.order).map((e) => e.display);
  const phrases = ranked.slice(0, 8);
  for (const f of FALLBACK_PHRASES) if (phrases.length < 4) phrases.push(f);

  const all = req.texts.map((t) => t.text).join("\n");
  const urls = [...new Set([...all.matchAll(URL)].map((m) => m[0].replace(/[.,;:!?]+$/, "")))];
  const numberSource = req.texts.filter((t) => t.role === "user" || t.role === "system" || t.role === "developer").map((t) => t.text.replace(URL, " ")).join("\n");
  const numbers = [...numberSource.matchAll(NUMBER)].map((m) => Number(m[0])).filter(Number.isFinite);
  return { phrases, urls, numbers };
}
