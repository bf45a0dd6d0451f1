/**
 * The little YAML the benchmark needs, without a YAML library: reading the flat `config:` block
 * of a Pulumi stack file and the `name:` of Pulumi.yaml, and writing a compose file. Written
 * strings are JSON-quoted, which YAML reads as double-quoted scalars, so no value is ever
 * reinterpreted (`"true"`, `"0"`, `"9092:9092"` stay strings).
 */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** A scalar as written in a stack file: quoted strings unquoted, numbers and booleans kept as text. */
function readScalar(text: string): string {
  const value = text.trim();
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
    return value.slice(1, -1).replaceAll("''", "'");
  }
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    return JSON.parse(value) as string;
  }
  return value.replace(/\s+#.*$/, "");
}

/**
 * The `config:` block of a stack file as key/value strings, the way `pulumi config` hands them
 * to the program (numbers and booleans as text). Only single-line scalar values are supported;
 * anything else is reported rather than misread.
 */
export function readStackConfig(text: string): Record<string, string> {
  const config: Record<string, string> = {};
  let inConfig = false;
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!line.startsWith(" ")) {
      inConfig = line.trim() === "config:";
      continue;
    }
    if (!inConfig) continue;
    const match = /^\s+([A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+):\s*(.*)$/.exec(line);
    if (match === null || match[2] === undefined || match[2] === "" || /^[|>]/.test(match[2])) {
      throw new Error(`unsupported stack config line (only "ns:key: scalar" is read): ${line.trim()}`);
    }
    config[match[1] ?? ""] = readScalar(match[2]);
  }
  return config;
}

/** The top-level `name:` of Pulumi.yaml. */
export function readProjectName(text: string): string {
  const match = /^name:\s*(.+)$/m.exec(text);
  if (match?.[1] === undefined) throw new Error("Pulumi.yaml has no top-level name");
  return readScalar(match[1]);
}

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function key(name: string): string {
  return PLAIN_KEY.test(name) ? name : JSON.stringify(name);
}

function isEmpty(value: YamlValue): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function emit(value: YamlValue, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "object" && item !== null && !isEmpty(item)) {
        const nested: string[] = [];
        emit(item, `${indent}  `, nested);
        lines.push(`${indent}- ${(nested[0] ?? "").trimStart()}`, ...nested.slice(1));
      } else {
        lines.push(
          `${indent}- ${isEmpty(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item as string)}`,
        );
      }
    }
    return;
  }
  if (typeof value !== "object" || value === null) {
    lines.push(`${indent}${scalar(value)}`);
    return;
  }
  for (const [name, item] of Object.entries(value)) {
    if (typeof item === "object" && item !== null && !isEmpty(item)) {
      lines.push(`${indent}${key(name)}:`);
      emit(item, `${indent}  `, lines);
    } else {
      const text = isEmpty(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item as string);
      lines.push(`${indent}${key(name)}: ${text}`);
    }
  }
}

/** Block-style YAML of a value, ending with a newline; `header` lines become comments. */
export function toYaml(value: YamlValue, header: readonly string[] = []): string {
  const lines = header.map((line) => `# ${line}`);
  emit(value, "", lines);
  return `${lines.join("\n")}\n`;
}
