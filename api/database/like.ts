/** A `LIKE`/`ILIKE` pattern matching `term` anywhere; `%` and `_` typed by a user are literal characters. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
