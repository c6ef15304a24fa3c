/**
 * The path syntax of `redact-paths` rules, kubectl-JSONPath-like:
 *
 *   spec.auth.token                      dotted keys (a leading "." is allowed)
 *   metadata.annotations["example.com/key"]   a key with dots, quoted ('...' too)
 *   metadata.annotations.example\.com/key     ... or with its dots escaped
 *   spec.containers[0].args[*]           a list index (from 0), or every item
 *   data.*                               every key of a map ([*] works too)
 *   env[?(@.name=="DB_PASSWORD")].value  the items of a list whose field equals a string
 *
 * Parsed once when the inputs are read, so a rule the export could not apply
 * is refused up front with where it went wrong, instead of matching nothing.
 */

export type PathStep =
  | { key: string }
  | { index: number }
  /** Every item of a list or every value of a map. */
  | { all: true }
  /** The items of a list whose `field` is the string `equals`. */
  | { field: string; equals: string };

/** A rule's path could not be read: `at` is the 0-based character where it went wrong. */
export class PathSyntaxError extends Error {
  readonly problem: string;
  readonly at: number;
  constructor(problem: string, at: number) {
    super(`${problem} at character ${at + 1}`);
    this.problem = problem;
    this.at = at;
  }
}

/** Fields an object cannot lose without losing its identity (the file it goes to, what it is). */
const PROTECTED = new Set(["apiVersion", "kind", "metadata.name", "metadata.namespace"]);

export function parsePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (problem: string, at = i): never => {
    throw new PathSyntaxError(problem, at);
  };
  if (text.startsWith(".")) i = 1;
  if (i >= text.length) fail("the path is empty");
  let needKey = true;
  while (i < text.length) {
    const c = text[i];
    if (c === "[") {
      steps.push(bracket());
      needKey = false;
      continue;
    }
    if (c === ".") {
      if (needKey) fail("an empty key (two dots, or a dot before '[')");
      i++;
      if (i >= text.length) fail("the path ends with a dot");
      if (text[i] === "[") fail("a dot before '[' (write a[0], not a.[0])");
      needKey = true;
      continue;
    }
    if (!needKey) fail(`'${c}' after ']' (expected '.', '[' or the end)`);
    steps.push(bareKey());
    needKey = false;
  }
  const named = steps.map((s) => ("key" in s ? s.key : "\0")).join(".");
  for (const p of PROTECTED)
    if (named === p)
      throw new PathSyntaxError(`names ${p}, which identifies the object and cannot be redacted`, 0);
  return steps;

  function bareKey(): PathStep {
    let key = "";
    const start = i;
    while (i < text.length && text[i] !== "." && text[i] !== "[") {
      const c = text[i] as string;
      if (c === "]") fail("a ']' without '['");
      if (/\s/.test(c)) fail('a space (quote keys with spaces: ["my key"])');
      if (c === "\\") {
        i++;
        if (i >= text.length) fail("a '\\' at the end (it escapes the next character)");
      }
      key += text[i];
      i++;
    }
    return i - start === 1 && key === "*" ? { all: true } : { key };
  }

  function bracket(): PathStep {
    const open = i;
    i++;
    const c = text[i];
    if (c === "*") {
      i++;
      close(open);
      return { all: true };
    }
    if (c === '"' || c === "'") {
      const key = quoted();
      close(open);
      return { key };
    }
    if (c === "?") {
      const m = /^\?\(@\.([A-Za-z0-9_-]+)\s*==\s*/.exec(text.slice(i));
      if (!m) fail(`a filter other than [?(@.field=="value")]`, open);
      i += (m as RegExpExecArray)[0].length;
      const q = text[i];
      if (q !== '"' && q !== "'") fail("a filter value that is not quoted");
      const equals = quoted();
      if (text[i] !== ")") fail("a filter without its closing ')'");
      i++;
      close(open);
      return { field: (m as RegExpExecArray)[1] as string, equals };
    }
    const m = /^-?\d+/.exec(text.slice(i));
    if (m) {
      if (m[0].startsWith("-")) fail("a negative list index (indexes count from 0)");
      i += m[0].length;
      close(open);
      return { index: Number(m[0]) };
    }
    return fail(`an unknown '[...]' (expected [N], [*], ["key"] or [?(@.field=="value")])`, open);
  }

  function quoted(): string {
    const q = text[i];
    const start = i;
    i++;
    let s = "";
    while (i < text.length && text[i] !== q) {
      if (text[i] === "\\") i++;
      if (i < text.length) s += text[i];
      i++;
    }
    if (i >= text.length) fail(`an unterminated ${q}...${q}`, start);
    i++;
    return s;
  }

  function close(open: number): void {
    if (text[i] !== "]") fail("a '[' without its ']'", open);
    i++;
  }
}

/** The rule's path written back in the syntax (for messages). */
export function formatPath(steps: readonly PathStep[]): string {
  let out = "";
  for (const s of steps) {
    if ("key" in s)
      out += /^[A-Za-z0-9_-]+$/.test(s.key) ? `${out ? "." : ""}${s.key}` : `[${JSON.stringify(s.key)}]`;
    else if ("index" in s) out += `[${s.index}]`;
    else if ("all" in s) out += "[*]";
    else out += `[?(@.${s.field}==${JSON.stringify(s.equals)})]`;
  }
  return out;
}
