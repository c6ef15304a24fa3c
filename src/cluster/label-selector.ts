/**
 * Label selectors in kubectl's string form (`app=web,tier!=cache`,
 * `env in (prod,staging)`, `!legacy`, `replicas>2`), parsed and validated as
 * the API server does (k8s.io/apimachinery labels.Parse) so that a typo is a
 * clear error naming the input before anything is touched, not a 400 half-way
 * through. The text itself goes to the API as `labelSelector`; `matches` is
 * for code that sorts already-listed objects (the drain preflight).
 */
import { ConfigurationError } from "../core/errors.ts";

export type Operator = "=" | "!=" | "in" | "notin" | "exists" | "!" | ">" | "<";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface LabelSelectorText {
  /** The selector as the user wrote it (trimmed): what the API is sent. */
  text: string;
  requirements: Requirement[];
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf("/");
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `label key ${JSON.stringify(key)}: its prefix must be a DNS subdomain (lower case, e.g. example.com/)`;
  if (!name || name.length > 63 || !NAME.test(name))
    return `label key ${JSON.stringify(key)}: a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (value === "" || (value.length <= 63 && NAME.test(value))) return undefined;
  return `label value ${JSON.stringify(value)}: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
}

const TOKEN = /\s*(==|!=|=|!|\(|\)|,|<|>|[^\s,=!()<>]+)/y;

function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[1] as string);
    at = TOKEN.lastIndex;
  }
  if (text.slice(at).trim() !== "") return `unexpected ${JSON.stringify(text.slice(at).trim())}`;
  return tokens;
}

const isWord = (t: string | undefined): t is string =>
  t !== undefined && !/^(==|!=|=|!|\(|\)|,|<|>)$/.test(t);

/**
 * Parses `raw` for input `input`; an empty selector selects everything
 * (undefined). Throws a ConfigurationError naming the input, the value, what
 * is wrong and the expected form.
 */
export function parseLabelSelector(input: string, raw: string | undefined): LabelSelectorText | undefined {
  const text = (raw ?? "").trim();
  if (text === "") return undefined;
  const fail = (problem: string) =>
    new ConfigurationError(
      `input '${input}': got ${JSON.stringify(text)}: ${problem}; expected a label selector such as ` +
        `app=web,tier!=cache or "env in (prod,staging),!legacy"`,
    );
  const tokens = tokenize(text);
  if (typeof tokens === "string") throw fail(tokens);
  let i = 0;
  const next = () => tokens[i++];
  const requirements: Requirement[] = [];
  for (;;) {
    let t = next();
    let negated = false;
    if (t === "!") {
      negated = true;
      t = next();
    }
    if (!isWord(t))
      throw fail(
        t === undefined
          ? "a label key is missing at the end"
          : `expected a label key, got ${JSON.stringify(t)}`,
      );
    const key = t;
    const kp = keyProblem(key);
    if (kp) throw fail(kp);
    const op = tokens[i];
    if (negated || op === undefined || op === ",") {
      requirements.push({ key, operator: negated ? "!" : "exists", values: [] });
    } else if (op === "=" || op === "==" || op === "!=") {
      i++;
      const v = isWord(tokens[i]) ? (next() as string) : ""; // `key=` means an empty value
      const vp = valueProblem(v);
      if (vp) throw fail(vp);
      requirements.push({ key, operator: op === "!=" ? "!=" : "=", values: [v] });
    } else if (op === ">" || op === "<") {
      i++;
      const v = next();
      if (!isWord(v) || !/^-?\d+$/.test(v))
        throw fail(`'${key} ${op}' needs a whole number, got ${JSON.stringify(v ?? "")}`);
      requirements.push({ key, operator: op, values: [v] });
    } else if (op === "in" || op === "notin") {
      i++;
      if (next() !== "(") throw fail(`'${key} ${op}' needs a list in parentheses, e.g. (a,b)`);
      const values: string[] = [];
      for (;;) {
        const v = isWord(tokens[i]) ? (next() as string) : "";
        const vp = valueProblem(v);
        if (vp) throw fail(vp);
        values.push(v);
        const sep = next();
        if (sep === ")") break;
        if (sep !== ",") throw fail(`'${key} ${op} (...)' is not closed with ')'`);
      }
      if (values.length === 1 && values[0] === "") throw fail(`'${key} ${op} ()' needs at least one value`);
      requirements.push({ key, operator: op, values });
    } else {
      throw fail(
        `after label key ${JSON.stringify(key)}, expected =, ==, !=, in, notin, <, > or a comma; got ${JSON.stringify(op)}`,
      );
    }
    const sep = next();
    if (sep === undefined) break;
    if (sep !== ",") throw fail(`expected a comma between requirements, got ${JSON.stringify(sep)}`);
  }
  return { text, requirements };
}

/** Does the selector select an object with these labels? (No selector: everything.) */
export function matchesLabels(
  selector: LabelSelectorText | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return true;
  return selector.requirements.every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels, key);
    const value = labels[key] ?? "";
    switch (operator) {
      case "=":
        return has && value === values[0];
      case "!=":
        return !has || value !== values[0];
      case "in":
        return has && values.includes(value);
      case "notin":
        return !has || !values.includes(value);
      case "exists":
        return has;
      case "!":
        return !has;
      case ">":
      case "<": {
        if (!has || !/^-?\d+$/.test(value)) return false;
        const n = Number(value);
        const bound = Number(values[0]);
        return operator === ">" ? n > bound : n < bound;
      }
    }
  });
}
