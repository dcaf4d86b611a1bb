/**
 * The text of one top-level member of a JSON object exactly as it was sent: Dipar signs its
 * `Result` as received (reference §11), and a value parsed and serialised again would differ in
 * key order, white space, number forms (`40.0`) or escapes, and never verify.
 */

/** Where the JSON value starting at `start` ends (exclusive), or -1 when it is not one. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const char = text[i];
      if (char === '"') {
        i = stringEnd(text, i) - 1;
        if (i < 0) return -1;
      } else if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  const match = /^[^\s,}\]]+/.exec(text.slice(start));
  return match ? start + match[0].length : -1;
}

/** Where the string starting at `start` (its opening quote) ends (exclusive), or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

const skipSpace = (text: string, index: number) => {
  while (index < text.length && /\s/.test(text[index]!)) index++;
  return index;
};

/** The raw text of the top-level member `name` of the JSON object `text`; `undefined` when absent or unreadable. */
export function rawMember(text: string, name: string): string | undefined {
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return undefined;
  i = skipSpace(text, i + 1);
  while (i < text.length && text[i] !== '}') {
    if (text[i] !== '"') return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    if (end < 0) return undefined;
    if (key === name) return text.slice(start, end);
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return undefined;
}
