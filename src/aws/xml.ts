/**
 * Just enough XML for STS's answers, read strictly: an element is found by
 * its path from the root, must occur exactly once where it is looked for, and
 * holds text only. No DOCTYPE, no CDATA, no entity beyond XML's five. STS is
 * a network peer: an answer of another shape is refused, not guessed at.
 */

export class XmlShapeError extends Error {
  override name = "XmlShapeError";
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const v = ENTITIES[name];
    if (v === undefined) throw new XmlShapeError(`unknown entity ${whole}`);
    return v;
  });
}

/** The element's name at the document's root (after an optional <?xml ...?> declaration). */
export function rootName(xml: string): string {
  if (/<!DOCTYPE|<!\[CDATA\[|<!ENTITY/i.test(xml))
    throw new XmlShapeError("DOCTYPE, ENTITY or CDATA is not accepted");
  const m = /^\s*(?:<\?xml[^?]*\?>\s*)?<([A-Za-z][\w.-]*)[\s>]/.exec(xml);
  if (!m) throw new XmlShapeError("not an XML document");
  return m[1]!;
}

/** The inner XML of the one `<name>` directly or deeper inside `xml`; refuses none or several. */
function inner(xml: string, name: string): string {
  const open = new RegExp(`<${name}(\\s[^>]*)?>`, "g");
  const found = [...xml.matchAll(open)];
  if (found.length !== 1)
    throw new XmlShapeError(found.length ? `<${name}> occurs ${found.length} times` : `no <${name}>`);
  const start = found[0]!.index + found[0]![0].length;
  const end = xml.indexOf(`</${name}>`, start);
  if (end < 0 || xml.indexOf(`</${name}>`, end + 1) >= 0)
    throw new XmlShapeError(`<${name}> is not closed once`);
  return xml.slice(start, end);
}

/** The text at `path` (root first). The root must be path[0]. */
export function xmlText(xml: string, path: readonly string[]): string {
  if (rootName(xml) !== path[0])
    throw new XmlShapeError(`the root is <${rootName(xml)}>, expected <${path[0]}>`);
  let cur = xml;
  for (const name of path) cur = inner(cur, name);
  if (cur.includes("<")) throw new XmlShapeError(`<${path.at(-1)}> holds elements, expected text`);
  return unescapeXml(cur.trim());
}

/** Like xmlText, but undefined when the last element is absent. */
export function optionalXmlText(xml: string, path: readonly string[]): string | undefined {
  try {
    return xmlText(xml, path);
  } catch (err) {
    if (err instanceof XmlShapeError && err.message === `no <${path.at(-1)}>`) return undefined;
    throw err;
  }
}
