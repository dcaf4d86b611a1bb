/**
 * A build plugin that shrinks the text inside Lit's css`` and html`` templates, which minifiers
 * leave as written: CSS loses comments and layout white space; HTML loses the line breaks and
 * indentation between tags (collapsed to one space, which HTML would render the same way).
 * Expressions inside `${…}` are left alone. Used by the library build and the size budgets.
 */

/** Scans a template literal starting after its opening backtick; returns [static parts, expressions, end index]. */
function scanTemplate(code, start) {
  const parts = [];
  const expressions = [];
  let text = '';
  let index = start;
  while (index < code.length) {
    const char = code[index];
    if (char === '\\') {
      text += code.slice(index, index + 2);
      index += 2;
    } else if (char === '`') {
      parts.push(text);
      return { parts, expressions, end: index + 1 };
    } else if (char === '$' && code[index + 1] === '{') {
      parts.push(text);
      text = '';
      const end = scanExpression(code, index + 2);
      expressions.push(code.slice(index + 2, end));
      index = end + 1;
    } else {
      text += char;
      index += 1;
    }
  }
  throw new Error('unterminated template literal');
}

/** Index of the `}` closing an expression that starts at `start`, skipping strings and nested templates. */
function scanExpression(code, start) {
  let depth = 0;
  let index = start;
  while (index < code.length) {
    const char = code[index];
    if (char === "'" || char === '"') {
      index = skipString(code, index);
    } else if (char === '`') {
      index = scanTemplate(code, index + 1).end;
    } else if (char === '{') {
      depth += 1;
      index += 1;
    } else if (char === '}') {
      if (depth === 0) return index;
      depth -= 1;
      index += 1;
    } else index += 1;
  }
  throw new Error('unterminated template expression');
}

function skipString(code, start) {
  const quote = code[start];
  let index = start + 1;
  while (index < code.length && code[index] !== quote) index += code[index] === '\\' ? 2 : 1;
  return index + 1;
}

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Rewrites every css`` and html`` template in a module's source. */
export function minifyTemplates(code) {
  let output = '';
  let index = 0;
  const tag = /\b(css|html)`/g;
  let match;
  while ((match = tag.exec(code))) {
    if (match.index < index) continue;
    const start = match.index + match[0].length;
    const { parts, expressions, end } = scanTemplate(code, start);
    const minify = match[1] === 'css' ? minifyCss : minifyHtml;
    // Nested templates inside expressions are minified too.
    let rebuilt = minify(parts[0]);
    expressions.forEach((expression, position) => {
      const part = parts[position + 1];
      rebuilt += '${' + minifyTemplates(expression) + '}' + minify(part);
    });
    output += code.slice(index, start) + rebuilt + '`';
    index = end;
    tag.lastIndex = end;
  }
  return output + code.slice(index);
}

export function minifyTemplatesPlugin() {
  return {
    name: 'emzano:minify-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return { code: minifyTemplates(code), map: null };
    },
  };
}
