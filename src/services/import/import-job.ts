/**
 * An import as a job-worker task: the worker opens its own connection to the project file,
 * decodes the uploads, reads and checks the files and — for a commit — writes them in one
 * transaction, so neither the Electron main thread nor the web server's event loop parses a
 * byte. The main side only checks the path policy and passes the request on.
 */
import { ProjectStore } from '../../store/project-store';
import type { FileSource } from '../io/file-source';
import type { LocalFileRef } from './uploads';
import { commitImport, previewImport, type ImportControl, type ImportPreview, type ImportRequest, type ImportResult } from './import-service';
import { inspectImport, type Inspection } from './inspect';

/** The contract's import request, upload handles resolved to their files (base64 not yet decoded). */
export interface ImportRefsRequest {
  readonly panel?: Omit<NonNullable<ImportRequest['panel']>, 'source'> & { readonly source: LocalFileRef };
  readonly geometry?: Omit<NonNullable<ImportRequest['geometry']>, 'sources'> & { readonly sources: readonly LocalFileRef[] };
}

/** Input of the `import-preview` / `import-commit` worker tasks. */
export interface ImportJobInput {
  /** The open project's file (the worker opens a second connection; WAL lets both work). */
  readonly projectPath: string;
  /** The request, its paths already allowed by the main side's policy. */
  readonly request: ImportRefsRequest;
}

/** A file reference as an import source; base64 uploads are decoded here (in the worker). */
export function decodeFileRef(f: LocalFileRef): FileSource {
  if ('path' in f) return { path: f.path };
  return { name: f.name, data: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) };
}

/** The request with its file references decoded. */
export function decodeImportRequest(req: ImportRefsRequest): ImportRequest {
  return {
    panel: req.panel ? { ...req.panel, source: decodeFileRef(req.panel.source) } : undefined,
    geometry: req.geometry ? { ...req.geometry, sources: req.geometry.sources.map(decodeFileRef) } : undefined,
  };
}

/** Preview (`commit` false) or commit an import on its own connection to the project. */
async function runImport<C extends boolean>(input: ImportJobInput, commit: C, control: ImportControl): Promise<C extends true ? ImportResult : ImportPreview> {
  const req = decodeImportRequest(input.request);
  const store = ProjectStore.open(input.projectPath);
  try {
    return (await (commit ? commitImport(store, req, control) : previewImport(store, req, control))) as C extends true ? ImportResult : ImportPreview;
  } finally {
    store.close();
  }
}

/** `previewImport` in the worker. @throws as `previewImport`; CancelledError. */
export function previewImportJob(input: ImportJobInput, control: ImportControl = {}): Promise<ImportPreview> {
  return runImport(input, false, control);
}

/** `commitImport` in the worker. @throws as `commitImport`; CancelledError (nothing written). */
export function commitImportJob(input: ImportJobInput, control: ImportControl = {}): Promise<ImportResult> {
  return runImport(input, true, control);
}

/** Input of the `import-inspect` worker task: the files to list, upload handles resolved. */
export interface InspectJobInput {
  readonly panel?: { readonly source: LocalFileRef; readonly sheet?: string };
  readonly geometry?: { readonly sources: readonly LocalFileRef[] };
}

/** `inspectImport` in the worker (reads only; no project needed). */
export function inspectImportJob(input: InspectJobInput): Promise<Inspection> {
  return inspectImport({
    ...(input.panel ? { panel: { source: decodeFileRef(input.panel.source), ...(input.panel.sheet ? { sheet: input.panel.sheet } : {}) } } : {}),
    ...(input.geometry ? { geometry: { sources: input.geometry.sources.map(decodeFileRef) } } : {}),
  });
}
