/**
 * Messages between the job runner (main thread) and the job worker (`worker.ts`). Everything
 * crossing is structured-cloneable (plain objects, arrays, typed arrays, Maps).
 */

/** Main → worker: start a task, or stop the running one. */
export type ToWorker =
  | {
    readonly type: 'run';
    readonly task: string;
    readonly input: unknown;
    /** Int32 cell set to 1 on cancel, so a task that never yields still sees it. */
    readonly cancelFlag: SharedArrayBuffer;
  }
  | { readonly type: 'cancel' };

/** An error as it crosses the thread boundary. */
export type SerializedError =
  | { readonly kind: 'input'; readonly code: string; readonly message: string; readonly details: Record<string, unknown> }
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'internal'; readonly name: string; readonly message: string; readonly stack?: string };

/** Worker → main: progress of the task, its result, or its error. */
export type FromWorker =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly value: unknown }
  | { readonly type: 'error'; readonly error: SerializedError };
