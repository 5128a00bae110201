type GlobToken = 'star' | 'globstar' | 'any' | { literal: string };

function tokenize(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**', i)) {
      tokens.push('globstar');
      while (pattern[i + 1] === '*') {
        i += 1;
      }
    } else if (pattern[i] === '*') {
      tokens.push('star');
    } else if (pattern[i] === '?') {
      tokens.push('any');
    } else {
      tokens.push({ literal: pattern[i] });
    }
  }
  return tokens;
}

/**
 * Whether a branch or tag name matches a glob: `*` matches any run of
 * characters except `/`, `**` any run including `/`, `?` one character
 * except `/`; everything else matches itself.
 *
 * Matching walks the pattern once over all positions of the name (time
 * proportional to their product), so no pattern can make it backtrack
 * exponentially as a regular expression could.
 */
export function matchesGlob(pattern: string, name: string): boolean {
  // reachable[i]: the pattern so far can end just before name[i].
  let reachable = Array.from({ length: name.length + 1 }, (_, i) => i === 0);
  for (const token of tokenize(pattern)) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    for (let i = 0; i <= name.length; i++) {
      if (token === 'star' || token === 'globstar') {
        const slashOk = token === 'globstar' || name[i - 1] !== '/';
        next[i] = reachable[i] || (i > 0 && next[i - 1] && slashOk);
      } else if (i > 0) {
        const char = name[i - 1];
        next[i] =
          reachable[i - 1] &&
          (token === 'any' ? char !== '/' : char === token.literal);
      }
    }
    reachable = next;
  }
  return reachable[name.length];
}
