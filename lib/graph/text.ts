/** "an" before a noun that starts with a vowel sound ("an editor", "an owner"), else "a" ("a viewer", "a user"). */
export function indefiniteArticle(noun: string): "a" | "an" {
  // Vowel letters, except where they sound like "you" or "won" (a user, a unit, a one-off).
  return /^[aeiou]/i.test(noun) && !/^(u[bcfhjkqrstn][aeiou]|uni|use|usu|one)/i.test(noun) ? "an" : "a";
}

/** The noun with its indefinite article: "an editor". */
export function withArticle(noun: string): string {
  return `${indefiniteArticle(noun)} ${noun}`;
}
