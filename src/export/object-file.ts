/**
 * One listed object to its file in the export tree: the path, the cleaned and
 * redacted YAML, and the reasons a reviewer should look twice; or why the
 * object is left out. Pure apart from the redactor's key.
 */
import { cleanObject, kubernetesKeyOrder, skipReason } from "./clean.ts";
import type { ExportConfig } from "./config.ts";
import { riskOf } from "./diff.ts";
import { resourceId, type ResourceType } from "./resource-type.ts";
import type { JsonObject } from "./json.ts";
import { objectFile } from "./layout.ts";
import { redactCopies, redactHelmReleaseConfigMap, redactPaths, redactSecret } from "./redact.ts";
import { redactDefaults, walkRules } from "./redact-defaults.ts";
import { redactWalk } from "./redact-walk.ts";
import type { Redactor } from "./redactor.ts";
import { selectNamespace } from "./select.ts";
import { toYaml } from "./yaml.ts";

export type ObjectFile =
  | { rel: string; text: string; risks: string[] }
  /** Left out on purpose (owned by a controller, the control plane's own, ...): counted by reason. */
  | { skip: string }
  /** In a namespace outside the export's scope: not counted. */
  | undefined;

export type ObjectFileConfig = Pick<
  ExportConfig,
  | "includeNamespaces"
  | "excludeNamespaces"
  | "includeOwned"
  | "includeSystem"
  | "redactPaths"
  | "redactKeyPattern"
> &
  /** Undefined: on (the default redaction is turned off only on purpose). */
  Partial<Pick<ExportConfig, "redactDefaults">>;

/** What the caller knows of the object's page: false when no string of it can hold a PEM private key. */
export interface PageHints {
  mayHoldPrivateKey: boolean;
}

export function objectToFile(
  item: JsonObject,
  rt: ResourceType,
  config: ObjectFileConfig,
  redactor: Redactor,
  page: PageHints = { mayHoldPrivateKey: true },
): ObjectFile {
  const meta = (item.metadata ?? {}) as { name?: string; namespace?: string };
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const id = resourceId(rt);
  const nsOfObject = rt.namespaced ? ns : id === "namespaces" ? name : undefined;
  if (nsOfObject !== undefined && !selectNamespace(nsOfObject, config)) return undefined;
  const skip = skipReason(item, rt, config);
  if (skip) return { skip };
  const clean = cleanObject(item, rt);
  const r = redactor.forObject(clean, rt);
  if (id === "secrets") redactSecret(clean, r);
  else if (id === "configmaps") redactHelmReleaseConfigMap(clean, r);
  const defaults = config.redactDefaults !== false;
  if (defaults) redactDefaults(clean, rt, r);
  // One walk over every field for the rules that need one: the defaults' (custom
  // resources, PEM private keys) and the key pattern's.
  redactWalk(
    clean,
    {
      ...(defaults ? walkRules(rt, page.mayHoldPrivateKey) : { secretKeys: false, privateKeys: false }),
      keyPattern: config.redactKeyPattern,
    },
    r,
  );
  if (config.redactPaths.length) redactPaths(clean, rt, config.redactPaths, r);
  // Last: the values redacted above are what the copy search looks for.
  redactCopies(clean, rt, r);
  return { rel: objectFile(rt, name, ns), text: toYaml(clean, kubernetesKeyOrder), risks: riskOf(clean) };
}
