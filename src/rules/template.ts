// Finding messages: `{{name}}` placeholders, checked against what the rule can fill when it loads.

export interface Template {
  readonly source: string;
  readonly names: readonly string[];
  render(values: Readonly<Record<string, string>>): string;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Parses a template; throws with the first placeholder that is not in `allowed`. */
export function parseTemplate(source: string, allowed: readonly string[]): Template {
  const names: string[] = [];
  for (const m of source.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1])) {
      throw new Error(`unknown placeholder {{${m[1]}}} (this rule can fill: ${allowed.map((a) => `{{${a}}}`).join(' ') || 'none'})`);
    }
    names.push(m[1]);
  }
  const stray = source.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}')) throw new Error('malformed placeholder (write {{name}})');
  return {
    source,
    names,
    render: (values) => source.replace(PLACEHOLDER, (_, name: string) => values[name] ?? ''),
  };
}

/** Shortens a value for a one-line message. */
export function clip(s: string, max = 120): string {
  const t = s.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
