/**
 * Handlers of the import channels (src/contract/import.ts): convert the contract's file
 * references (a path on the desktop, base64 uploads in the browser) to the import service's
 * sources, then preview or commit (services/import).
 */
import { InputError } from '../../core/errors';
import type { FileRef, Handlers, RequestOf } from '../../contract';
import type { importChannels } from '../../contract/import';
import type { ProjectStore } from '../../store/project-store';
import { commitImport, previewImport, type ImportRequest } from '../import/import-service';
import type { FileSource } from '../io/file-source';

/** The handlers of the import channels. */
export type ImportHandlers = Pick<Handlers, keyof typeof importChannels>;

/**
 * A contract file reference as an import source.
 * @throws InputError `paths-not-allowed` for a path when `allowPaths` is false (web mode).
 */
export function fileSourceOf(f: FileRef, allowPaths: boolean): FileSource {
  if ('path' in f) {
    if (!allowPaths) {
      throw new InputError('app-paths-not-allowed-files', 'In the browser, choose the files to upload instead of giving a path.', { path: f.path });
    }
    return { path: f.path };
  }
  return { name: f.name, data: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) };
}

/** The contract's import request as the import service's. */
function importRequest(req: RequestOf<'import:preview'>, allowPaths: boolean): ImportRequest {
  const toSource = (f: FileRef) => fileSourceOf(f, allowPaths);
  return {
    panel: req.panel
      ? {
          source: toSource(req.panel.source),
          id: req.panel.id,
          time: req.panel.time,
          format: req.panel.format,
          valueName: req.panel.valueName,
          sheet: req.panel.sheet,
          interpolate: req.panel.interpolate,
        }
      : undefined,
    geometry: req.geometry ? { sources: req.geometry.sources.map(toSource), key: req.geometry.key, layer: req.geometry.layer } : undefined,
  };
}

/** The import channels over the open project; `allowPaths`: whether requests may name local files. */
export function createImportHandlers(store: () => ProjectStore, allowPaths: boolean): ImportHandlers {
  return {
    'import:preview': async (req) => previewImport(store(), importRequest(req, allowPaths)),
    'import:commit': async (req) => commitImport(store(), importRequest(req, allowPaths)),
  };
}
