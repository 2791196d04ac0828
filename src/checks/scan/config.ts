/**
 * @module checks/scan/config
 * Configuration files parsed as what they are (YAML and JSON with the `yaml` parser, `.env` and
 * `.properties` line by line), so comments are never read and each value keeps its key path and position.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { ConfigFormat } from './files.js';
import { type FileFacts, type Hit, judgeLiteral, type ScanVocabulary } from './judge.js';

/** One scalar of a configuration file. */
export interface ConfigEntry {
  /** Dotted key path, e.g. `llm.client.timeoutMs`; sequence items add their index. */
  keyPath: string;
  /** The last key on the path (the one that says what the value is). */
  key: string;
  value: string | number;
  line: number;
  column: number;
}

function yamlEntries(text: string): ConfigEntry[] {
  const counter = new LineCounter();
  const entries: ConfigEntry[] = [];
  const documents = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const visit = (node: unknown, path: string[], key: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        visit(pair.value, [...path, name], name);
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) visit(item, [...path, String(index)], key);
    } else if (isScalar(node)) {
      const value = node.value;
      if (typeof value !== 'string' && typeof value !== 'number') return;
      const offset = (node as YamlNode).range?.[0] ?? 0;
      const { line, col } = counter.linePos(offset);
      entries.push({ keyPath: path.join('.'), key, value, line, column: col });
    }
  };
  for (const document of list) {
    if (document.errors.length > 0) continue;
    visit(document.contents, [], '');
  }
  return entries;
}

const unquoteValue = (value: string): string => value.replace(/^(['"])(.*)\1$/s, '$2');

function envEntries(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match || raw.trimStart().startsWith('#')) return;
    const [, lead = '', key = '', rest = ''] = match;
    const value = unquoteValue(rest.replace(/\s+#.*$/, '').trim());
    const column = raw.length - rest.length + 1;
    entries.push({ keyPath: key, key, value, line: index + 1, column: Math.max(column, lead.length + 1) });
  });
  return entries;
}

function propertiesEntries(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const match = /^(\s*)((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(raw);
    if (!match) continue;
    const [, , key = '', first = ''] = match;
    let value = first;
    const line = index + 1;
    // A trailing backslash continues the value on the next line.
    while (value.endsWith('\\') && index + 1 < lines.length)
      value = value.slice(0, -1) + lines[++index]!.trim();
    const column = raw.length - first.length + 1;
    const name = key.replace(/\\(.)/g, '$1');
    entries.push({
      keyPath: name,
      key: name.slice(name.lastIndexOf('.') + 1),
      value: value.trim(),
      line,
      column,
    });
  }
  return entries;
}

/** Every scalar of a configuration file, with its key path and position. */
export function configEntries(text: string, format: ConfigFormat): ConfigEntry[] {
  switch (format) {
    case 'yaml':
    case 'json':
      return yamlEntries(text);
    case 'env':
      return envEntries(text);
    case 'properties':
      return propertiesEntries(text);
  }
}

/** The findings of one configuration file. */
export function scanConfig(text: string, format: ConfigFormat, vocabulary: ScanVocabulary): Hit[] {
  const hits: Hit[] = [];
  for (const entry of configEntries(text, format)) {
    const facts: FileFacts = { config: true, chatFile: false, keyPath: entry.keyPath };
    hits.push(
      ...judgeLiteral(
        {
          form: typeof entry.value === 'number' ? 'number' : 'string',
          value: String(entry.value),
          line: entry.line,
          column: entry.column,
          name: entry.key,
          outerName: entry.keyPath.slice(0, Math.max(0, entry.keyPath.lastIndexOf('.'))),
          role: 'value',
          chat: false,
          env: false,
        },
        facts,
        vocabulary,
      ),
    );
  }
  return hits;
}
