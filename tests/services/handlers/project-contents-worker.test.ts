/**
 * `project:contents` counted in the job worker (a project file over WORKER_BYTES): the same
 * answer as counting on the calling thread, kept until the project is written again. Reference:
 * the US sample (plm::Produc, 48 states × 17 years = 816 state-years, nine variables).
 */
import { describe, expect, it } from 'vitest';
import { createProjectContentsHandlers } from '../../../src/services/handlers/project-contents';
import { projectContents } from '../../../src/services/projects/contents';
import { projectContentsTask } from '../../../src/services/jobs/tasks';
import { ProjectStore } from '../../../src/store/project-store';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-contents-worker-' });
const { call } = app;

describe('project:contents in the worker', () => {
  it('the worker task and the worker path of the handler answer as the calling thread does, then keep the answer until a write', async () => {
    await call('project:openSample', { name: 'us-states' });
    await call('project:saveAs', { name: 'contents-worker' });
    const { path } = await call('project:summary', {});
    const store = ProjectStore.open(path);
    try {
      const here = projectContents(store);
      expect(here.panelRows).toBe(816);
      expect(projectContentsTask({ projectPath: path })).toEqual(here);
      const places: string[] = [];
      const h = createProjectContentsHandlers(() => store, () => { places.push('worker'); return true; });
      expect(await h['project:contents']({})).toEqual(here);
      expect(await h['project:contents']({})).toEqual(here);
      expect(places).toEqual(['worker']); // the second answer was kept
      store.putObservations('unemp', [{ region: 'Alabama', period: 1970, value: null }]);
      const after = await h['project:contents']({});
      expect(places).toEqual(['worker', 'worker']);
      expect(after.variables.find((v) => v.name === 'unemp')).toMatchObject({ n: 815, missing: 1 });
    } finally {
      store.close();
    }
  }, 120_000);
});
