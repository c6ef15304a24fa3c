import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/report/report.ts
function newReport(title) {
  return { title, facts: [], tables: [], notes: [] };
}
var escapeCell = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
function toMarkdown(report) {
  const out = [`## ${report.title}`, ""];
  if (report.facts.length) {
    out.push("| | |", "|---|---|");
    for (const [k, v] of report.facts) out.push(`| **${escapeCell(k)}** | ${escapeCell(v)} |`);
    out.push("");
  }
  for (const t of report.tables) {
    if (t.caption) out.push(`### ${t.caption}`, "");
    out.push(`| ${t.header.map(escapeCell).join(" | ")} |`, `|${t.header.map(() => "---").join("|")}|`);
    for (const r of t.rows) out.push(`| ${r.map(escapeCell).join(" | ")} |`);
    out.push("");
  }
  for (const n of report.notes) out.push(`> ${n}`, "");
  return out.join("\n");
}
function toText(report) {
  const out = [report.title, "=".repeat(report.title.length)];
  const width = Math.max(0, ...report.facts.map(([k]) => k.length));
  for (const [k, v] of report.facts) out.push(`${k.padEnd(width)}  ${v}`);
  for (const t of report.tables) {
    out.push("");
    if (t.caption) out.push(t.caption);
    const widths = t.header.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? "").length)));
    const line = (cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
    out.push(line(t.header), line(widths.map((w) => "-".repeat(w))));
    for (const r of t.rows) out.push(line(r));
  }
  for (const n of report.notes) out.push("", n);
  return out.join("\n");
}

export {
  newReport,
  toMarkdown,
  toText
};
