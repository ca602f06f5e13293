/** Lints a snippet as if it were the file at `file` (relative to the repository root). */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

/** The messages of one rule (default rwb/layers) for `code` linted as `file`. */
export async function messages(code: string, file: string, ruleId = 'rwb/layers'): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, file) });
  const fatal = r.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`parse error in ${file}: ${fatal[0].message}`);
  return r.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
