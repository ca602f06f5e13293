/** Checks that analyses name variables the project has. */
import { InputError } from '../../core/errors';
import { suggestMatches } from '../../core/text-match';
import type { ProjectStore } from '../../store/project-store';

/** @throws InputError `unknown-variable` naming the first unknown name, with close matches. */
export function requireVariables(store: ProjectStore, names: readonly string[]): void {
  const known = store.listVariables().map((v) => v.name);
  for (const n of names) {
    if (!known.includes(n)) {
      const near = suggestMatches(n, known);
      const hint = near.length ? `; did you mean ${near.map((s) => `"${s}"`).join(' or ')}?` : '.';
      throw new InputError('app-unknown-variable', `The project has no variable "${n}"${hint}`, { variable: n, suggestions: near, hint });
    }
  }
}
