/**
 * Typed Secrets must still apply after redaction. The API server validates a
 * few types (pkg/apis/core/validation ValidateSecret): the registry
 * credentials of `kubernetes.io/dockerconfigjson` and `kubernetes.io/dockercfg`
 * must be a JSON object; basic-auth needs `username` or `password`, ssh-auth a
 * non-empty `ssh-privatekey`, tls both `tls.crt` and `tls.key` (present, not
 * parsed), a service-account token its ServiceAccount annotation. Markers keep
 * keys and are never empty, so only the registry credentials need their own
 * form: the same JSON with every value replaced by its marker (registry
 * hostnames, the keys, stay readable in a diff).
 *
 * Bootstrap tokens (`bootstrap.kubernetes.io/token`) are not validated, but
 * the token cleaner deletes one whose `expiration` does not parse: only
 * `token-secret` is secret (the id is the Secret's name), so only it is
 * redacted. Its marker never matches `[a-z0-9]{16}`, so a restored token
 * cannot authenticate: a marker in git must never become a credential.
 */
import type { Json } from "./json.ts";
import type { ObjectRedactor, PathKey } from "./redactor.ts";

const REGISTRY_CREDENTIALS: Record<string, string> = {
  "kubernetes.io/dockerconfigjson": ".dockerconfigjson",
  "kubernetes.io/dockercfg": ".dockercfg",
};

const BOOTSTRAP_TOKEN = "bootstrap.kubernetes.io/token";

/**
 * The redacted `data` value (base64) of `key` in a Secret of `type` when the
 * type needs its own form, or undefined for the plain marker.
 */
export function typedSecretValue(
  type: Json | undefined,
  key: string,
  value: string,
  r: ObjectRedactor,
): string | undefined {
  if (type === BOOTSTRAP_TOKEN) return key === "token-secret" ? undefined : value;
  if (typeof type !== "string" || REGISTRY_CREDENTIALS[type] !== key) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
  } catch {
    config = undefined;
  }
  // Never the case in a Secret the API server accepted; still a JSON object that applies.
  if (!config || typeof config !== "object" || Array.isArray(config))
    config = { redacted: r.redact(Buffer.from(value, "base64"), ["data", key]) };
  else config = redactLeaves(config, r, ["data", key]);
  return Buffer.from(JSON.stringify(config)).toString("base64");
}

/**
 * Every string, number and boolean becomes its marker, fingerprinted by its
 * place inside the document (a reused password does not show); keys and
 * structure stay.
 */
function redactLeaves(node: unknown, r: ObjectRedactor, path: PathKey[]): unknown {
  if (Array.isArray(node)) return node.map((v, n) => redactLeaves(v, r, [...path, n]));
  if (node && typeof node === "object") {
    // Own properties even for a `__proto__` key (which JSON.parse makes one): keys and structure stay.
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, redactLeaves(v, r, [...path, k])]));
  }
  if (typeof node === "string") return r.redact(node, path);
  if (node === null) return null;
  return r.redact(JSON.stringify(node), path);
}
