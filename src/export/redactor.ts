/**
 * What redaction looks like to the code that uses it: the redactor of an
 * export and of one object (redact.ts makes them; secret-types.ts and the
 * copy search use them). Apart from redact.ts so that its helpers can name
 * these types without importing it back.
 */
import type { JsonObject } from "./json.ts";
import type { ResourceType } from "./resource-type.ts";

export type PathKey = string | number;

export interface Redactor {
  /** The redactor of one object: markers are keyed by where the value sits in it. */
  forObject(obj: JsonObject, rt: ResourceType): ObjectRedactor;
  isMarker(value: string): boolean;
}

export interface ObjectRedactor {
  /** The marker for the value at `path`; a value that already is a marker is kept. */
  redact(value: Buffer | string, path: readonly PathKey[]): string;
  /** The same for a label value (labels allow only [A-Za-z0-9._-]). */
  redactLabel(value: string, path: readonly PathKey[]): string;
  isMarker(value: string): boolean;
  /** The plain values redacted so far in this object (searched for in its annotations and labels). */
  readonly redacted: Buffer[];
}
