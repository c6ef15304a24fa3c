/**
 * The imports of the product's source, read with the TypeScript parser:
 * static imports and re-exports (type-only ones flagged) and dynamic
 * `import()` calls. The layout and layering tests (test/unit/layout.test.ts,
 * test/unit/imports.test.ts) check them against CONTRIBUTING.md's rules.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const root = path.resolve(import.meta.dirname, "../..");
export const srcDir = path.join(root, "src");

export interface Import {
  /** The importing file, relative to the repository root. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported file relative to the repository root, for a relative specifier. */
  target?: string;
  dynamic: boolean;
  /** `import type`, or every name imported is a type: erased from the JavaScript. */
  typeOnly: boolean;
}

/** Every .ts file under src/ (Go modules aside), relative to the repository root. */
export function sourceFiles(): string[] {
  return fs
    .readdirSync(srcDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.split(path.sep).includes("go"))
    .map((f) => path.join("src", f))
    .sort();
}

export function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (specifier: string, dynamic: boolean, typeOnly: boolean) => {
    const target = specifier.startsWith(".")
      ? path.relative(root, path.resolve(root, path.dirname(file), specifier))
      : undefined;
    out.push({ from: file, specifier, ...(target !== undefined ? { target } : {}), dynamic, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, false, typeOnly);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, false, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, true, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const lit = node.argument.literal;
      if (ts.isStringLiteral(lit)) add(lit.text, false, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
