import type { Rng } from "./random";
import type { Topic } from "./topic";
import { countTextTokens } from "../tokens";

// Sentence templates over two distinct topic phrases {a} and {b}, worded so they read right
// whether a phrase is singular or plural. Varied enough that a page of them reads like an answer.
const STATEMENTS = [
  "Much of the outcome here is decided by {a}.",
  "The clearest way in is to look at {a} first, because that choice constrains {b}.",
  "{A} and {b} pull in different directions, so the balance between them matters.",
  "In practice, {b} weighs less than it first appears once you handle {a} well.",
  "A common mistake is to look at {a} in isolation; in practice {a} and {b} interact at almost every step.",
  "The evidence available points to {a} as the factor most often underestimated.",
  "If only one thing changes, it should be {a}: the effect on {b} follows from it.",
  "The picture on {a} is fairly clear, while {b} still carries real uncertainty.",
  "Measured against the goal, work on {a} gives the best return for the effort spent.",
  "There is a trade-off: more attention to {b} means less room for {a}.",
  "Costs rise quickly when nobody watches {b}, which is why it belongs early in the plan.",
  "Most of the risk sits with {b}, so a check there belongs before anything is committed.",
  "Taken together, the findings on {a} and {b} give a consistent picture.",
  "A simple test is whether conclusions about {a} still hold when assumptions about {b} change.",
  "Experience from similar cases suggests starting small with {a} and widening from there.",
  "The numbers for {a} look reasonable, though they depend on assumptions about {b}.",
];

const OPENERS = [
  "Here is a concise answer on {a} and {b}.",
  "Short version: most of the weight rests on {a}, with {b} close behind.",
  "The question comes down to {a}, with {b} as the main qualifier.",
  "Looking at {a} together with {b}, a clear picture emerges.",
];

const CLOSERS = [
  "Overall, the approach to {a} is workable, with {b} as the deciding detail.",
  "Next step: confirm the details of {b}, then commit to a plan for {a}.",
  "In short, prioritise {a} and keep an eye on {b}.",
  "That covers the essentials; further work on {b} would pay off most.",
];

interface Templates {
  /** The first sentence, about the focus phrase. */
  lead: readonly string[];
  body: readonly string[];
  /** The last sentence when there are three or more. */
  close?: readonly string[];
}

const INSTRUCTIONS: Templates = {
  lead: ["Investigate {a} with an eye on {b}.", "Focus on {a} and what that means for {b}.", "Work out where things stand on {a}."],
  body: [
    "Gather concrete facts and figures, citing where each one comes from.",
    "Note the main trade-offs and anything that is still uncertain about {b}.",
    "Compare the realistic options and say which one you would pick and why.",
    "Keep the scope to {a}; leave {b} to the other subtasks.",
  ],
  close: ["Report back in a few short paragraphs with a one-line summary at the top.", "Finish with a short list of open questions."],
};

const APPROVALS: Templates = {
  lead: ["The draft answers the task and covers {a} and {b} clearly.", "The work on {a} is solid and addresses the question asked."],
  body: ["The reasoning is sound and consistent with the sources given.", "The treatment of {b} is proportionate to its importance."],
  close: ["Only minor polish is needed; nothing blocks approval."],
};

const REVISIONS: Templates = {
  lead: ["Expand the section on {a}: it needs concrete figures rather than general claims.", "The part on {a} is too thin to support the conclusion."],
  body: [
    "Tie {b} back to the original question; at the moment it reads as a side note.",
    "Check the claims about {b} against the sources and remove anything unsupported.",
  ],
  close: ["Once those gaps are closed, the draft should be ready."],
};

/** Upper-cases the first letter (for sentence starts and titles). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fill(template: string, a: string, b: string): string {
  const filled = template.replaceAll("{a}", a).replaceAll("{b}", b).replaceAll("{A}", capitalize(a)).replaceAll("{B}", capitalize(b));
  return capitalize(filled);
}

/** The `i`-th sentence of a text about `topic`, drawn from `templates` with phrase `focus` as its subject. */
function sentenceAt(templates: readonly string[], topic: Topic, rng: Rng, i: number, focus?: string): string {
  const { phrases } = topic;
  const a = focus ? focus : phrases[(i + rng.int(0, phrases.length - 1)) % phrases.length];
  let b = phrases[(i + 1 + rng.int(0, phrases.length - 2)) % phrases.length];
  if (b === a) b = phrases[(phrases.indexOf(a) + 1) % phrases.length];
  return fill(templates[(i + rng.int(0, templates.length - 1)) % templates.length], a, b);
}

export type FieldTextKind = "statement" | "instructions" | "approval" | "revision";

const KIND_TEMPLATES: Record<FieldTextKind, Templates> = {
  statement: { lead: STATEMENTS, body: STATEMENTS },
  instructions: INSTRUCTIONS,
  approval: APPROVALS,
  revision: REVISIONS,
};

/** A few sentences (a field value such as instructions or feedback), centred on `focus` when given. */
export function sentences(topic: Topic, rng: Rng, count: number, kind: FieldTextKind = "statement", focus?: string): string {
  const { lead, body, close } = KIND_TEMPLATES[kind];
  // Instructions stay on their subtask's focus throughout; other texts only open with it.
  const along = kind === "instructions" ? focus : undefined;
  const out = [sentenceAt(lead, topic, rng, 0, focus)];
  const middle = close && count >= 3 ? count - 2 : count - 1;
  const start = rng.int(0, body.length - 1);
  for (let i = 0; i < middle; i++) out.push(sentenceAt([body[(start + i) % body.length]], topic, rng, i + 1, along));
  if (close && count >= 3) out.push(sentenceAt(close, topic, rng, count - 1, along));
  return [...new Set(out)].join(" ");
}

const TITLE_VERBS = ["Research", "Analyze", "Assess", "Outline", "Evaluate", "Summarize", "Review", "Investigate", "Map out", "Estimate"];

/** A short title for item `index` of a list, e.g. "Compare heat pumps". */
export function title(topic: Topic, rng: Rng, index: number): string {
  const phrase = topic.phrases[index % topic.phrases.length];
  return `${TITLE_VERBS[(index + rng.int(0, TITLE_VERBS.length - 1)) % TITLE_VERBS.length]} ${phrase}`;
}

/** A short noun phrase (names, labels, search queries), varied by `index`. */
export function phrase(topic: Topic, index: number): string {
  const { phrases } = topic;
  const first = phrases[index % phrases.length];
  const second = phrases[(index + 1) % phrases.length];
  return index % 2 === 0 ? first : `${first} and ${second}`;
}

/**
 * A text answer of about `targetTokens` tokens (never more, unless the lead alone is longer),
 * opening with `lead` sentences when given (e.g. what the tools returned), in short paragraphs.
 */
export function answer(topic: Topic, rng: Rng, targetTokens: number, lead: string[] = []): string {
  const paragraphs: string[][] = [lead.length > 0 ? [...lead] : [sentenceAt(OPENERS, topic, rng, 0)]];
  const closer = sentenceAt(CLOSERS, topic, rng, 1);
  // A running count is close enough (sentences tokenize independently after a space) and keeps long answers linear.
  let used = paragraphs[0].reduce((n, s) => n + countTextTokens(` ${s}`), 0) + countTextTokens(` ${closer}`);
  // Every template once before any repeats, in a seeded order.
  const order = [...STATEMENTS].map((t) => ({ t, k: rng.next() })).sort((x, y) => x.k - y.k).map((x) => x.t);
  for (let i = 0; i < 10_000; i++) {
    const next = sentenceAt([order[i % order.length]], topic, rng, i);
    const breakHere = paragraphs[paragraphs.length - 1].length >= 3 + (i % 2);
    const cost = countTextTokens(` ${next}`) + (breakHere ? 1 : 0);
    if (used + cost > targetTokens) break;
    if (breakHere) paragraphs.push([]);
    paragraphs[paragraphs.length - 1].push(next);
    used += cost;
  }
  paragraphs[paragraphs.length - 1].push(closer);
  return paragraphs.map((p) => p.join(" ")).join("\n\n");
}
