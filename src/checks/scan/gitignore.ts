/**
 * @module checks/scan/gitignore
 * `.gitignore` patterns (gitignore(5)): `#` comments, `!` negation, a trailing `/` for folders only, a `/`
 * anywhere but the end anchors the pattern to the file's folder, `*`, `?`, `[…]` and `**`. The last matching
 * pattern wins; a file inside an ignored folder stays ignored (the walker never enters it).
 */

interface Pattern {
  regex: RegExp;
  negate: boolean;
  directoryOnly: boolean;
}

/** The rules of one `.gitignore`, for paths relative to the folder that holds it. */
export interface IgnoreRules {
  patterns: readonly Pattern[];
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more folders; a trailing `/**` everything inside.
          out += i + 2 === glob.length ? '.*' : '(?:.*/)?';
          i += 2;
          continue;
        }
      }
      out += '[^/]*';
    } else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else if (char === '\\' && i + 1 < glob.length) {
      out += glob[i + 1]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    } else out += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

export function parseIgnore(text: string): IgnoreRules {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') continue;
    const body = globToRegex(line);
    const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
    patterns.push({ regex, negate, directoryOnly });
  }
  return { patterns };
}

/** True/false when a rule decides the path (relative to the rules' folder), undefined when none matches. */
export function ignoredBy(rules: IgnoreRules, path: string, directory: boolean): boolean | undefined {
  let decision: boolean | undefined;
  for (const pattern of rules.patterns) {
    if (pattern.directoryOnly && !directory) continue;
    if (pattern.regex.test(path)) decision = !pattern.negate;
  }
  return decision;
}
