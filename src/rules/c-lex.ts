// Just enough C lexing for rules: blank out comments and the contents of string and character
// literals, so that patterns and symbols see code only. One pass, no regular expressions.

export interface LexState {
  inComment: boolean;
}

const SLASH = 47;
const STAR = 42;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

/** True when a line may need more than a copy: a comment or literal may start or be open. */
function needsLexing(text: string, st: LexState): boolean {
  return st.inComment || text.indexOf('/') >= 0 || text.indexOf('"') >= 0 || text.indexOf("'") >= 0;
}

// Kernel block-comment continuation lines (" * text", " *" + "/"): a hunk may start inside a comment.
function looksLikeCommentContinuation(text: string): boolean {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (text.charCodeAt(i) !== STAR) return false;
  const next = text.charCodeAt(i + 1);
  return Number.isNaN(next) || next === 32 || next === 9 || next === SLASH;
}

/**
 * The code of one line: comments become spaces, literal contents become spaces (quotes kept),
 * so columns are unchanged. Updates st.inComment for the next line.
 */
export function codeOf(text: string, st: LexState): string {
  if (!st.inComment && looksLikeCommentContinuation(text)) st.inComment = true;
  if (!needsLexing(text, st)) return text;
  const n = text.length;
  let out = '';
  let from = 0; // start of the pending code segment
  let i = 0;
  const blank = (a: number, b: number) => ' '.repeat(b - a);
  if (st.inComment) {
    const end = text.indexOf('*/');
    if (end < 0) return blank(0, n);
    out += blank(0, end + 2);
    st.inComment = false;
    i = from = end + 2;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      return out + text.slice(from, i) + blank(i, n);
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      out += text.slice(from, i);
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        st.inComment = true;
        return out + blank(i, n);
      }
      out += blank(i, end + 2);
      i = from = end + 2;
      continue;
    }
    if (c === DQUOTE || c === SQUOTE) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH) j += 2;
        else if (d === c) break;
        else j++;
      }
      const close = Math.min(j, n);
      out += text.slice(from, i + 1) + blank(i + 1, close);
      i = from = close;
      if (i < n) {
        out += text[i];
        i = from = i + 1;
      }
      continue;
    }
    i++;
  }
  return out + text.slice(from);
}
