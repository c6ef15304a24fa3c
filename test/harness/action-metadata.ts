/**
 * Reading action metadata (action.yml) in tests: a composite's outputs are
 * mappings to its steps' outputs, which GitHub honours and act does not (act
 * hands out every inner step's output), so tests check them explicitly.
 */
export interface ActionYaml {
  outputs?: Record<string, { value?: string }>;
  runs?: { using?: string; steps?: { id?: string; name?: string; uses?: string; run?: string }[] };
}

export interface OutputMapping {
  output: string;
  step: string;
  name: string;
}

/** The composite's outputs as (output, step id, step output) triples; throws on a value that is not one step output. */
export function compositeOutputs(action: ActionYaml, where: string): OutputMapping[] {
  return Object.entries(action.outputs ?? {}).map(([output, o]) => {
    const m = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec((o.value ?? "").trim());
    if (!m)
      throw new Error(
        `${where}: output ${output} maps to '${o.value}', expected \${{ steps.<id>.outputs.<name> }}`,
      );
    return { output, step: m[1] as string, name: m[2] as string };
  });
}
