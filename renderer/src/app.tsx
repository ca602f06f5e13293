/** The main window: header, left panel, and the Map / Data / Index / Weights / Spatial autocorrelation / Regression / Spatial panel / GTWR tabs. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, ResponseOf } from '../../src/contract';
import { api, mode } from './api';
import { DeriveDialog } from './components/derive-dialog';
import { AboutDialog } from './components/about-dialog';
import { DescribeTable } from './components/describe-table';
import { DataTable } from './components/data-table';
import { EsdaPanel } from './components/esda-panel';
import { IndexPanel } from './components/index-panel';
import { GtwrPanel } from './components/gtwr-panel';
import { ErrorBanner } from './components/error-banner';
import { HeaderBar } from './components/header-bar';
import { ImportDialog } from './components/import-dialog';
import { ProjectOpenDialog } from './components/project-open-dialog';
import { MapPanel } from './components/map-panel';
import { RegionCard } from './components/region-card';
import { RegressionPanel } from './components/regression-panel';
import { ReportDialog } from './components/report-dialog';
import { Sidebar } from './components/sidebar';
import { SpatialPanel } from './components/spatial-panel';
import { WeightsPanel } from './components/weights-panel';
import { toProblem, type Problem } from './i18n/problem';

type AppInfo = ResponseOf<'app:info'>;
type SampleName = AppInfo['samples'][number]['name'];
type Tab = 'map' | 'data' | 'index' | 'weights' | 'esda' | 'regression' | 'spatial' | 'gtwr';
const TABS: readonly Tab[] = ['map', 'data', 'index', 'weights', 'esda', 'regression', 'spatial', 'gtwr'];

/** Names that are codes rather than measurements (e.g. produc's census `region` number). */
const CODE_LIKE = /^(id|code|region|region_?code|state|fips|adcode|year|period)$/i;

/**
 * Picks the variable to show first: the first measured (not code-like, not derived) one —
 * among `among` (e.g. the variables an import wrote) when some of them are in the project.
 */
function firstVariable(p: ProjectSummary, among?: readonly string[]): string | null {
  const pool = among && among.length ? p.variables.filter((v) => among.includes(v.name)) : p.variables;
  const list = pool.length ? pool : p.variables;
  return (list.find((v) => !v.expression && !CODE_LIKE.test(v.name)) ?? list[0])?.name ?? null;
}

/** Default layer: the summary's, chosen on the main side by the one rule (src/services/inputs/layers.ts). */
function defaultLayer(p: ProjectSummary): string | null {
  return p.defaultLayer;
}

/** The application. */
export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [variable, setVariable] = useState<string | null>(null);
  const [period, setPeriod] = useState<number | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [layer, setLayer] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('map');
  const [dialog, setDialog] = useState<'import' | 'derive' | 'about' | 'projects' | 'report' | null>(null);
  /** The selected region (a click on the map, small multiples or a chart), shared by the tabs. */
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);

  const show = useCallback((p: ProjectSummary | null, keepSelection = false) => {
    if (!p) return;
    setProject(p);
    if (!keepSelection) {
      setVariable(firstVariable(p));
      setPeriod(p.periods.length ? p.periods[p.periods.length - 1] : null);
      setGroup(null);
      setSelected(null);
      setLayer(defaultLayer(p));
    }
    api['app:info']({}).then(setInfo).catch(() => undefined);
  }, []);

  const run = useCallback(async (f: () => Promise<ProjectSummary | null>, keep = false) => {
    setLoading(true);
    setError(null);
    try {
      show(await f(), keep);
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setLoading(false);
    }
  }, [show]);

  useEffect(() => {
    run(async () => {
      const i = await api['app:info']({});
      setInfo(i);
      if (i.projectPath) return api['project:summary']({});
      return api['project:openSample']({ name: 'china-provinces' });
    });
  }, [run]);

  // After a cell edit, a deletion or an undo in the Data tab: reload the summary (the map,
  // statistics and every tab refetch from the new object); a deleted variable is deselected.
  const dataChanged = useCallback(() => {
    void run(async () => {
      const s = await api['project:summary']({});
      setVariable((v) => (v !== null && s.variables.some((x) => x.name === v) ? v : firstVariable(s)));
      return s;
    }, true);
  }, [run]);

  const groupCodes = useMemo(() => {
    if (!project || !group) return null;
    return new Set(project.regions.filter((r) => r.regionGroup === group).map((r) => r.code));
  }, [project, group]);
  const groupList = useMemo(() => (groupCodes ? [...groupCodes] : null), [groupCodes]);

  return (
    <div className="app">
      <HeaderBar
        info={info}
        sample={project?.sample ?? null}
        desktop={mode === 'electron'}
        hasProject={project !== null}
        onSample={(name: SampleName) => run(() => api['project:openSample']({ name }))}
        onOpenFile={() => run(() => api['project:chooseFile']({}))}
        onOpenProject={() => setDialog('projects')}
        onImport={() => setDialog('import')}
        onDerive={() => setDialog('derive')}
        onAbout={() => setDialog('about')}
        onReport={() => setDialog('report')}
      />
      <ErrorBanner error={error} onClose={() => setError(null)} />
      <div className="workspace">
        {project ? (
          <Sidebar
            project={project}
            variable={variable}
            period={period}
            group={group}
            layer={layer}
            onVariable={setVariable}
            onPeriod={setPeriod}
            onGroup={setGroup}
            onLayer={setLayer}
            refresh={tab}
          />
        ) : (
          <aside className="sidebar">
            <p className="muted">{loading ? t('app.openingSample') : t('app.noProject')}</p>
          </aside>
        )}
        <main className="content">
          <nav className="tabs" role="tablist" onKeyDown={(e) => {
            // WAI-ARIA APG tabs (issue 13, defect 12): Left/Right/Home/End move and activate.
            const i = TABS.indexOf(tab);
            const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length
              : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
            if (next < 0 || !(e.target as HTMLElement).matches('[role="tab"]')) return;
            e.preventDefault();
            setTab(TABS[next]);
            (e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next])?.focus();
          }}>
            {TABS.map((id) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} tabIndex={tab === id ? 0 : -1} className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)}>
                {t(`tabs.${id}`)}
              </button>
            ))}
            {loading && <span className="muted small spinner-text">{t('app.working')}</span>}
          </nav>
          {project && tab === 'map' && (
            <MapPanel project={project} layer={layer} variable={variable} period={period} groupCodes={groupCodes} group={group} selected={selected} onSelect={setSelected} onPeriod={setPeriod} />
          )}
          {project && tab === 'data' && (
            <div className="data-tab-stack">
              {selected && <RegionCard project={project} code={selected} period={period} onClear={() => setSelected(null)} />}
              <DescribeTable project={project} regions={groupList} groupLabel={group} />
              <DataTable key={project.path} project={project} group={group} onChanged={dataChanged} />
            </div>
          )}
          {project && tab === 'index' && (
            <IndexPanel key={project.path} project={project} layer={layer} selected={selected} onSelect={setSelected} onSaved={() => void run(() => api['project:summary']({}), true)} />
          )}
          {project && tab === 'weights' && <WeightsPanel project={project} layer={layer} />}
          {project && tab === 'esda' && <EsdaPanel key={project.path} project={project} layer={layer} variable={variable} selected={selected} onSelect={setSelected} />}
          {project && tab === 'regression' && <RegressionPanel key={project.path} project={project} />}
          {project && tab === 'spatial' && <SpatialPanel key={project.path} project={project} layer={layer} selected={selected} onSelect={setSelected} />}
          {project && tab === 'gtwr' && <GtwrPanel key={project.path} project={project} layer={layer} selected={selected} onSelect={setSelected} />}
        </main>
      </div>
      {dialog === 'projects' && (
        <ProjectOpenDialog
          desktop={mode === 'electron'}
          onClose={() => setDialog(null)}
          onOpen={(name) => run(() => api['project:open']({ name }))}
          onChooseFile={() => run(() => api['project:chooseFile']({}))}
          project={project}
          onProject={(request) => run(request)}
        />
      )}
      {dialog === 'report' && <ReportDialog onClose={() => setDialog(null)} />}
      {dialog === 'about' && <AboutDialog version={info?.version ?? null} onClose={() => setDialog(null)} />}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(written) => run(async () => {
            // The map switches to a layer the import added (issue 13, defect 9).
            const before = project?.layers ?? [];
            const s = await api['project:summary']({});
            const added = s.layers.find((l) => !before.includes(l));
            if (added) setLayer(added);
            // And shows the data that came in (the new-user walk: after us48 + Produc, gsp, not
            // the census `region` code; after the Mexico pair, pcgdp on the Mexican states).
            const shown = added || variable === null ? firstVariable(s, written.variables) : null;
            if (shown) {
              setVariable(shown);
              if (s.periods.length) setPeriod(s.periods[s.periods.length - 1]);
            } else if (period === null && s.periods.length) setPeriod(s.periods[s.periods.length - 1]);
            return s;
          }, true)}
        />
      )}
      {dialog === 'derive' && (
        <DeriveDialog
          base={variable}
          onClose={() => setDialog(null)}
          onCreated={(v) => {
            setDialog(null);
            run(() => api['project:summary']({}), true).then(() => setVariable(v.name));
          }}
        />
      )}
    </div>
  );
}
