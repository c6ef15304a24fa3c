import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";

// src/cluster/label-selector.ts
var NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
var DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function keyProblem(key) {
  const slash = key.indexOf("/");
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [void 0, key];
  if (prefix !== void 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `label key ${JSON.stringify(key)}: its prefix must be a DNS subdomain (lower case, e.g. example.com/)`;
  if (!name || name.length > 63 || !NAME.test(name))
    return `label key ${JSON.stringify(key)}: a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  return void 0;
}
function valueProblem(value) {
  if (value === "" || value.length <= 63 && NAME.test(value)) return void 0;
  return `label value ${JSON.stringify(value)}: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
}
var TOKEN = /\s*(==|!=|=|!|\(|\)|,|<|>|[^\s,=!()<>]+)/y;
function tokenize(text) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[1]);
    at = TOKEN.lastIndex;
  }
  if (text.slice(at).trim() !== "") return `unexpected ${JSON.stringify(text.slice(at).trim())}`;
  return tokens;
}
var isWord = (t) => t !== void 0 && !/^(==|!=|=|!|\(|\)|,|<|>)$/.test(t);
function parseLabelSelector(input, raw) {
  const text = (raw ?? "").trim();
  if (text === "") return void 0;
  const fail = (problem) => new ConfigurationError(
    `input '${input}': got ${JSON.stringify(text)}: ${problem}; expected a label selector such as app=web,tier!=cache or "env in (prod,staging),!legacy"`
  );
  const tokens = tokenize(text);
  if (typeof tokens === "string") throw fail(tokens);
  let i = 0;
  const next = () => tokens[i++];
  const requirements = [];
  for (; ; ) {
    let t = next();
    let negated = false;
    if (t === "!") {
      negated = true;
      t = next();
    }
    if (!isWord(t))
      throw fail(
        t === void 0 ? "a label key is missing at the end" : `expected a label key, got ${JSON.stringify(t)}`
      );
    const key = t;
    const kp = keyProblem(key);
    if (kp) throw fail(kp);
    const op = tokens[i];
    if (negated || op === void 0 || op === ",") {
      requirements.push({ key, operator: negated ? "!" : "exists", values: [] });
    } else if (op === "=" || op === "==" || op === "!=") {
      i++;
      const v = isWord(tokens[i]) ? next() : "";
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
      const values = [];
      for (; ; ) {
        const v = isWord(tokens[i]) ? next() : "";
        const vp = valueProblem(v);
        if (vp) throw fail(vp);
        values.push(v);
        const sep2 = next();
        if (sep2 === ")") break;
        if (sep2 !== ",") throw fail(`'${key} ${op} (...)' is not closed with ')'`);
      }
      if (values.length === 1 && values[0] === "") throw fail(`'${key} ${op} ()' needs at least one value`);
      requirements.push({ key, operator: op, values });
    } else {
      throw fail(
        `after label key ${JSON.stringify(key)}, expected =, ==, !=, in, notin, <, > or a comma; got ${JSON.stringify(op)}`
      );
    }
    const sep = next();
    if (sep === void 0) break;
    if (sep !== ",") throw fail(`expected a comma between requirements, got ${JSON.stringify(sep)}`);
  }
  return { text, requirements };
}
function matchesLabels(selector, labels = {}) {
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

export {
  parseLabelSelector,
  matchesLabels
};
