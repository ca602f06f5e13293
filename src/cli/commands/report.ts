/**
 * `rwb report`: a project's saved regression runs (publication tables) and saved figures
 * (drawn from their specs) as one HTML file with inline SVG, and optionally a PDF, with the run
 * and figure specs as JSON in an appendix — the same report as the app's `figure:report`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { InputError } from '../../core/errors';
import { projectReport } from '../../services/figures/project-figures';
import { optChoice, optFlag, optString, reqString, resolvePath, UsageError } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { printJson } from '../output';
import { SUMMARIES } from './summaries';

const USAGE = `Usage: rwb report --project P.rwb --out report.html [--pdf report.pdf] [--lang en|zh] [--json]

Collects the project's saved regression runs (one table each) and saved figures (maps and
group charts, re-drawn from their specs) into an HTML file (figures as inline SVG, headings in
English and Chinese) and, with --pdf, a PDF (A4, figures as vectors). An appendix lists every
run spec and figure spec as JSON, so each number and figure can be produced again.

Options:
  --project FILE   the project (.rwb)
  --out FILE       the HTML report
  --pdf FILE       also write the report as PDF
  --lang en|zh     which language comes first in headings, and table wording (default en)
  --runs 1,3       only these saved runs (ids as printed by --json; default: all)
  --figures 2      only these saved figures (default: all)
  --json           one JSON document on stdout
`;

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const projectFile = reqString(args, 'project');
  const out = reqString(args, 'out');
  const pdfOut = optString(args, 'pdf');
  const lang = optChoice(args, 'lang', ['en', 'zh'] as const) ?? 'en';
  const path = resolvePath(io, projectFile);
  if (!existsSync(path)) throw new InputError('cli-file-not-found', `${projectFile}: file not found.`, { file: projectFile });
  const ids = (name: string): number[] | undefined => {
    const text = optString(args, name);
    if (text === undefined) return undefined;
    const list = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
    if (list.length === 0 || list.some((x) => !/^\d+$/.test(x))) throw new UsageError(`option --${name} must be ids separated by commas, e.g. 1,3; got "${text}"`);
    return list.map(Number);
  };
  const pick = { runs: ids('runs'), figures: ids('figures') };
  const { content, html, pdf } = await projectReport(path, lang, pdfOut !== undefined, pick);
  const htmlPath = resolvePath(io, out);
  writeFileSync(htmlPath, html);
  let pdfPath: string | null = null;
  if (pdfOut !== undefined && pdf) {
    pdfPath = resolvePath(io, pdfOut);
    writeFileSync(pdfPath, pdf);
  }
  const failed = content.figures.filter((f) => f.error !== undefined).map((f) => ({ id: f.saved.id, name: f.saved.name, message: f.error }));
  if (optFlag(args, 'json')) {
    printJson(io, {
      out: htmlPath,
      pdf: pdfPath,
      runs: content.runs.map((r) => ({ id: r.run.id, kind: r.run.kind })),
      figures: content.figures.map((f) => ({ id: f.saved.id, kind: f.saved.figure.kind, name: f.saved.name, drawn: f.drawn !== undefined })),
      unreadable_runs: content.unreadable,
      failed_figures: failed,
    });
  } else {
    io.stdout(`${htmlPath}: ${content.runs.length} run${content.runs.length === 1 ? '' : 's'}, ${content.figures.length} figure${content.figures.length === 1 ? '' : 's'}${pdfPath ? `; ${pdfPath}` : ''}\n`);
    for (const f of failed) io.stderr(`warning: figure ${f.id} ("${f.name}") was not drawn: ${f.message}\n`);
  }
  return 0;
}

/** The `rwb report` command. */
export const command: CliCommand = {
  name: 'report',
  summary: SUMMARIES.report,
  usage: USAGE,
  options: { project: { type: 'string' }, out: { type: 'string' }, pdf: { type: 'string' }, lang: { type: 'string' }, runs: { type: 'string' }, figures: { type: 'string' } },
  run,
};
