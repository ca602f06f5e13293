/**
 * Handlers of the import channels (src/contract/import.ts): apply the path policy to the
 * contract's file references (a path on the desktop, base64 uploads in the browser), then
 * preview or commit in the job worker (services/import/import-job.ts), which decodes the
 * uploads, parses the files and writes the project on its own connection — the main thread
 * and the web server's event loop only wait. The same worker tasks back the `import-preview`
 * and `import-commit` jobs (`job:start`), which add progress and cancel.
 */
import { insideFileRoots, type FileRoots } from '../projects/file-roots';
import { InputError } from '../../core/errors';
import { MAX_UPLOAD_BYTES, type FileRef, type Handlers, type RequestOf } from '../../contract';
import type { importChannels } from '../../contract/import';
import type { ProjectStore } from '../../store/project-store';
import type { ImportJobInput, ImportRefsRequest } from '../import/import-job';
import type { ImportPreview, ImportResult } from '../import/import-service';
import { resolveUploadRef, uploadedBytes, type LocalFileRef, type UploadStore } from '../import/uploads';
import type { FileSource } from '../io/file-source';
import type { JobControl } from '../jobs/job-table';
import { runInWorker } from '../jobs/run-in-worker';

/** The handlers of the import channels. */
export type ImportHandlers = Pick<Handlers, keyof typeof importChannels>;

/**
 * The file reference itself when the policy allows it; an upload handle becomes its file in
 * the service's uploads folder.
 * @throws InputError `app-paths-not-allowed-files` for a path outside the `allowPaths` folders (the app allows none);
 *   `upload-unknown` / `upload-incomplete` for an upload handle.
 */
export function allowedFileRef(f: FileRef, allowPaths: FileRoots, uploads?: UploadStore): LocalFileRef {
  if ('path' in f && !insideFileRoots(f.path, allowPaths)) {
    throw new InputError('app-paths-not-allowed-files', 'In the browser, choose the files to upload instead of giving a path.', { path: f.path });
  }
  return resolveUploadRef(f, uploads);
}

/**
 * A contract file reference as an import source (decoded on the calling thread; the app
 * decodes in the worker instead).
 * @throws InputError `app-paths-not-allowed-files` for a path outside the `allowPaths` folders (the app allows none).
 */
export function fileSourceOf(f: FileRef, allowPaths: FileRoots, uploads?: UploadStore): FileSource {
  const ref = allowedFileRef(f, allowPaths, uploads);
  if ('path' in ref) return { path: ref.path };
  return { name: ref.name, data: new Uint8Array(Buffer.from(ref.dataBase64, 'base64')) };
}

/**
 * The worker's input for an import request over `store`: the project's file and the request
 * with its file references checked against the path policy and upload handles turned into
 * their files (base64 bytes stay base64: the worker decodes them).
 * @throws InputError `app-paths-not-allowed-files` (a path outside the roots); `import-uploads-too-large`
 *   when the uploaded files together exceed `MAX_UPLOAD_BYTES`; `upload-unknown` / `upload-incomplete`.
 */
export function importJobInput(store: ProjectStore, req: RequestOf<'import:preview'>, allowPaths: FileRoots, uploads?: UploadStore): ImportJobInput {
  const files = [...(req.panel ? [req.panel.source] : []), ...(req.geometry?.sources ?? [])];
  const total = files.reduce((sum, f) => sum + uploadedBytes(f, uploads), 0);
  if (total > MAX_UPLOAD_BYTES) {
    throw new InputError('import-uploads-too-large', `The files together are larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit.`, { limitMb: MAX_UPLOAD_BYTES / 1024 / 1024, bytes: total });
  }
  const ref = (f: FileRef) => allowedFileRef(f, allowPaths, uploads);
  const request: ImportRefsRequest = {
    panel: req.panel
      ? {
          source: ref(req.panel.source),
          id: req.panel.id,
          time: req.panel.time,
          format: req.panel.format,
          valueName: req.panel.valueName,
          sheet: req.panel.sheet,
          interpolate: req.panel.interpolate,
          aliases: req.panel.aliases,
        }
      : undefined,
    geometry: req.geometry
      ? {
          sources: req.geometry.sources.map(ref),
          key: req.geometry.key,
          layer: req.geometry.layer,
          nameZhField: req.geometry.nameZhField,
          nameEnField: req.geometry.nameEnField,
          groupField: req.geometry.groupField,
        }
      : undefined,
  };
  return { projectPath: store.path, request };
}

/** What the import runners need: the open project and the path policy. */
export interface ImportContext {
  /** The open project. @throws InputError `app-no-project` when none is open. */
  readonly store: () => ProjectStore;
  /** Whether requests may name local files by path (desktop) instead of uploading bytes. */
  readonly allowPaths: FileRoots;
  /** The service's chunked uploads (`{ upload, name }` references); without it such references are unknown. */
  readonly uploads?: UploadStore;
}

/** The upload handles a request names. */
function uploadHandles(req: RequestOf<'import:preview'>): string[] {
  const files = [...(req.panel ? [req.panel.source] : []), ...(req.geometry?.sources ?? [])];
  return files.flatMap((f) => ('upload' in f ? [f.upload] : []));
}

/** Preview an import in the job worker (progress and cancel through `control`). */
export function previewInWorker(ctx: ImportContext, req: RequestOf<'import:preview'>, control?: Partial<JobControl>): Promise<ImportPreview> {
  return runInWorker('import-preview', importJobInput(ctx.store(), req, ctx.allowPaths, ctx.uploads), control);
}

/**
 * Commit an import in the job worker; a cancel (or any error) leaves the project unchanged.
 * Uploads it names are removed once it is written (after an error they stay, for a retry).
 */
export async function commitInWorker(ctx: ImportContext, req: RequestOf<'import:commit'>, control?: Partial<JobControl>): Promise<ImportResult> {
  const result = await runInWorker('import-commit', importJobInput(ctx.store(), req, ctx.allowPaths, ctx.uploads), control);
  for (const handle of uploadHandles(req)) ctx.uploads?.release(handle);
  return result;
}

/**
 * The import channels over the open project; `allowPaths`: folders whose files requests may
 * name by path (the app: none); `uploads`: the service's chunked uploads.
 */
export function createImportHandlers(store: () => ProjectStore, allowPaths: FileRoots, uploads?: UploadStore): ImportHandlers {
  const ctx: ImportContext = { store, allowPaths, uploads };
  return {
    'import:preview': async (req) => previewInWorker(ctx, req),
    'import:commit': async (req) => commitInWorker(ctx, req),
    'import:inspect': async (req) => {
      const ref = (f: FileRef) => allowedFileRef(f, allowPaths, uploads);
      return runInWorker('import-inspect', {
        ...(req.panel ? { panel: { source: ref(req.panel.source), ...(req.panel.sheet ? { sheet: req.panel.sheet } : {}) } } : {}),
        ...(req.geometry ? { geometry: { sources: req.geometry.sources.map(ref) } } : {}),
      });
    },
  };
}
