/**
 * Entry of the job worker thread: serves the app's task registry. Built next to main.js as
 * `worker.js` (vite.main.config.ts); from source it is loaded through `worker-bootstrap.mjs`.
 */
import { serveTasks } from './serve';
import { TASKS } from './tasks';

serveTasks(TASKS);
