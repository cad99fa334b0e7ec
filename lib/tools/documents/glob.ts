/**
 * A `/`-separated glob as a RegExp: `**` crosses directories, `*` and `?` stay inside one,
 * `{a,b}` is an alternative. A pattern without `/` matches a file's name in any directory,
 * so `*.ts` finds every TypeScript file.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.trim().replace(/^\.?\//, "") || "**";
  let source = "";
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "{") {
      braces++;
      source += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      source += ")";
    } else if (c === "," && braces > 0) source += "|";
    else source += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  source += ")".repeat(braces);
  return new RegExp(pattern.includes("/") ? `^${source}$` : `(?:^|/)${source}$`);
}
