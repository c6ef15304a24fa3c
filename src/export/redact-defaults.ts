/**
 * What the export redacts by default outside Secrets (`redact-defaults`,
 * on unless turned off), because clusters carry credentials in plain sight:
 *
 * - any string, in any kind and any field (annotations and labels too),
 *   holding a PEM private key (`-----BEGIN ... PRIVATE KEY-----`), plainly or
 *   base64-encoded;
 * - under keys that name a secret (see `isSecretKey`): ConfigMap data,
 *   container `env` values (`valueFrom` references stay), flags in container
 *   `args`/`command` (`--password=...`, `--token VALUE`), and every field of
 *   a custom resource.
 *
 * Built-in kinds other than ConfigMaps and pod templates are not searched by
 * key: their schemas hold no credentials, and their keys that look like one
 * (`secretName`, `serviceAccountToken`) are references. Markers are the ones
 * redact.ts writes, so `apply` knows these objects hold redacted values and
 * skips them; a flag keeps its name (`--password=MARKER`).
 *
 * This runs on every exported object: the key test is cached per key, and the
 * PEM search walks an object's strings only when its page holds the words at
 * all (export-worker.ts), so most pages pay for one byte search.
 */
import { asObject, type Json, type JsonObject } from "./json.ts";
import type { ObjectRedactor, PathKey } from "./redactor.ts";
import type { ResourceType } from "./resource-type.ts";

/** Words naming a secret; a word ending in one counts too (`dbpassword`, `clientsecret`). */
const SECRET_WORDS = [
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "privatekey",
  "secretkey",
  "credential",
  "credentials",
  "authorization",
];
/** Short words that count only on their own (`bypass` and `compass` are not passwords). */
const SHORT_SECRET_WORDS = new Set(["pass", "pwd"]);
/** `<word> key` pairs naming a secret: api key, private key, AWS's secret key... */
const KEY_ADJECTIVES = new Set(["api", "private", "secret", "encryption", "signing", "master", "auth"]);
/**
 * A key ending in one of these words holds something about a secret, not the
 * secret: a reference (`secretName`, `passwordSecretRef`, `secretKeyRef`), a
 * place (`tokenPath`, `PASSWORD_FILE`, `tokenUrl`), a setting
 * (`tokenExpirationSeconds`, `secretTemplate`).
 */
const ABOUT_SUFFIXES = new Set([
  "name",
  "names",
  "ref",
  "refs",
  "reference",
  "namespace",
  "path",
  "file",
  "filename",
  "dir",
  "directory",
  "url",
  "uri",
  "endpoint",
  "host",
  "seconds",
  "expiration",
  "expiry",
  "ttl",
  "duration",
  "timeout",
  "lifetime",
  "type",
  "mode",
  "enabled",
  "policy",
  "length",
  "size",
  "id",
  "audience",
  "audiences",
  "store",
  "selector",
  "template",
  "version",
  "format",
  "field",
  "count",
  "key",
  "source",
  "provider",
  "issuer",
  "strategy",
  "rotation",
]);
/** Whole keys that look like a secret but are not one. */
const NOT_SECRET = new Set(["serviceaccounttoken", "automountserviceaccounttoken"]);

/** Words of a key: camelCase, snake_case, kebab-case, dotted, `APIKey` → api, key. */
const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

const known = new Map<string, boolean>();
/** Keys repeat across objects: the answer is kept (up to a bound, for keys of maps of names). */
const KNOWN_MAX = 20_000;

/** Does this key (a field, a ConfigMap key, an env var or flag name) name a secret? */
export function isSecretKey(key: string): boolean {
  let answer = known.get(key);
  if (answer === undefined) {
    answer = classify(key);
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, answer);
  }
  return answer;
}

function classify(key: string): boolean {
  const words = (key.match(WORD) ?? []).map((w) => w.toLowerCase());
  const last = words.length - 1;
  if (last < 0 || words[0] === "existing" || NOT_SECRET.has(words.join(""))) return false;
  const secretAt = (i: number): boolean => {
    const w = words[i] as string;
    if (SHORT_SECRET_WORDS.has(w)) return words.length > 1 || w === "pass";
    if (w === "key") return i > 0 && KEY_ADJECTIVES.has(words[i - 1] as string);
    return SECRET_WORDS.some((s) => w.endsWith(s));
  };
  if (secretAt(last)) return true;
  // `passwordKey` names the key a password sits under; AWS_SECRET_ACCESS_KEY is one.
  const upTo = words[last] === "key" ? last - 1 : ABOUT_SUFFIXES.has(words[last] as string) ? 0 : last;
  for (let i = 0; i < upTo; i++) if (secretAt(i)) return true;
  return false;
}

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY/;
/** base64 of "-----BEGI": a PEM block encoded once more (ConfigMap binaryData, a CR field). */
const PEM_BASE64 = "LS0tLS1CRUdJT";

/** Can this page (raw bytes) hold a PEM private key anywhere: the prefilter for `holdsPrivateKey`. */
export function mayHoldPrivateKey(page: Buffer): boolean {
  return page.includes("PRIVATE KEY") || page.includes(PEM_BASE64);
}

/** Does the string hold a PEM private key (plain, or base64 of one)? */
export function holdsPrivateKey(s: string): boolean {
  if (s.includes("PRIVATE KEY")) return PEM_PRIVATE_KEY.test(s);
  const t = s.trimStart();
  if (!t.startsWith(PEM_BASE64)) return false;
  return PEM_PRIVATE_KEY.test(Buffer.from(t, "base64").toString("latin1"));
}

/** Groups of the API server itself; any other group is a custom resource's. */
export function isBuiltIn(group: string): boolean {
  return group === "" || !group.includes(".") || (group.endsWith(".k8s.io") && !group.endsWith(".x-k8s.io"));
}

/**
 * The default redaction of one object at the fields built-in kinds keep
 * secrets in: ConfigMap data, pod specs' env and flags. The rules that look
 * at every field (custom resources, PEM private keys) run in the walk the
 * key pattern shares (redact-walk.ts), with `walkRules`.
 */
export function redactDefaults(obj: JsonObject, rt: ResourceType, r: ObjectRedactor): void {
  if (rt.group === "" && rt.kind === "ConfigMap") redactConfigMapData(obj, r);
  else if (isBuiltIn(rt.group)) for (const [spec, path] of podSpecs(obj)) redactPodSpec(spec, path, r);
}

/**
 * The default rules for the walk over every field: a custom resource's
 * secret-naming keys, and PEM private keys unless `pem` is false (the
 * object's page holds none, so the string search is skipped).
 */
export function walkRules(rt: ResourceType, pem: boolean): { secretKeys: boolean; privateKeys: boolean } {
  return { secretKeys: !isBuiltIn(rt.group), privateKeys: pem };
}

function redactConfigMapData(obj: JsonObject, r: ObjectRedactor): void {
  for (const field of ["data", "binaryData"]) {
    const data = asObject(obj[field]);
    if (!data) continue;
    for (const [k, v] of Object.entries(data))
      if (typeof v === "string" && v !== "" && isSecretKey(k)) data[k] = r.redact(v, [field, k]);
  }
}

/** Where built-in kinds keep a pod spec: Pod, PodTemplate, workloads, CronJob. */
function podSpecs(obj: JsonObject): [JsonObject, PathKey[]][] {
  const out: [JsonObject, PathKey[]][] = [];
  const spec = asObject(obj.spec);
  const add = (s: JsonObject | undefined, path: PathKey[]) => {
    if (s && (s.containers || s.initContainers || s.ephemeralContainers)) out.push([s, path]);
  };
  add(spec, ["spec"]);
  add(asObject(asObject(spec?.template)?.spec), ["spec", "template", "spec"]);
  add(asObject(asObject(obj.template)?.spec), ["template", "spec"]);
  const job = asObject(asObject(spec?.jobTemplate)?.spec);
  add(asObject(asObject(job?.template)?.spec), ["spec", "jobTemplate", "spec", "template", "spec"]);
  return out;
}

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];

function redactPodSpec(spec: JsonObject, path: PathKey[], r: ObjectRedactor): void {
  for (const field of CONTAINER_LISTS) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (let n = 0; n < list.length; n++) {
      const container = asObject(list[n]);
      if (!container) continue;
      // Paths are built only for a value redacted: most containers hold none.
      const { env, args, command } = container;
      if (Array.isArray(env)) redactPairs(env, () => [...path, field, n, "env"], r);
      if (Array.isArray(args)) redactFlags(args, () => [...path, field, n, "args"], r);
      if (Array.isArray(command)) redactFlags(command, () => [...path, field, n, "command"], r);
    }
  }
}

/** `{name: DB_PASSWORD, value: ...}` items: the value goes, `valueFrom` stays. */
function redactPairs(list: Json[], path: () => PathKey[], r: ObjectRedactor): void {
  for (let n = 0; n < list.length; n++) {
    const pair = asObject(list[n]);
    if (!pair || typeof pair.name !== "string" || typeof pair.value !== "string" || pair.value === "")
      continue;
    if (isSecretKey(pair.name)) pair.value = r.redact(pair.value, [...path(), n, "value"]);
  }
}

/** `--password=VALUE`, `-token=VALUE` (the flag stays), and `--token VALUE` (the next item). */
const FLAG = /^(--?([A-Za-z0-9][A-Za-z0-9._-]*))(?:=([\s\S]*))?$/;

export function redactFlags(list: Json[], path: () => PathKey[], r: ObjectRedactor): void {
  for (let n = 0; n < list.length; n++) {
    const item = list[n];
    if (typeof item !== "string" || item[0] !== "-") continue;
    const m = FLAG.exec(item);
    if (!m || !isSecretKey(m[2] as string)) continue;
    const value = m[3];
    if (value !== undefined) {
      if (value !== "") list[n] = `${m[1]}=${r.redact(value, [...path(), n])}`;
      continue;
    }
    const next = list[n + 1];
    if (typeof next === "string" && next !== "" && next[0] !== "-") {
      list[n + 1] = r.redact(next, [...path(), n + 1]);
      n++;
    }
  }
}
