/**
 * Handlers of the data channels (src/contract/data.ts): descriptive statistics of the Data tab
 * and derived variables (services/derive).
 */
import type { Handlers } from '../../contract';
import type { dataChannels } from '../../contract/data';
import { describeVariables } from '../../stats/describe';
import type { ProjectStore } from '../../store/project-store';
import type { DataEditRow } from '../../store/project-store';
import { deleteVariable, dependentsOf, editCell, recomputeDerived, undoEdit, type EditOutcome } from '../data/edits';
import { readTablePage } from '../data/table';
import { deriveVariable } from '../derive/derived-service';
import { requireVariables } from '../inputs/variables';
import { variableInfo } from './project';

/** The handlers of the data channels. */
export type DataHandlers = Pick<Handlers, keyof typeof dataChannels>;

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A logged edit as the contract carries it (the deleted variables' ids and times stay in the file). */
function editOut(e: DataEditRow) {
  return {
    id: e.id, kind: e.kind, variable: e.variable, region: e.region, period: e.period, oldValue: e.oldValue, newValue: e.newValue,
    deleted: e.deleted.map((d) => ({ name: d.name, label: d.label, expression: d.expression, cells: d.cells })),
    createdAt: e.createdAt, undoneAt: e.undoneAt,
  };
}

const outcome = (o: EditOutcome) => ({ edit: editOut(o.edit), staleDerived: [...o.staleDerived] });

/** The data channels over the open project (`store` throws `no-project` when none is open). */
export function createDataHandlers(store: () => ProjectStore): DataHandlers {
  return {
    'panel:describe': async ({ variables, regions }) => {
      const s = store();
      const names = variables ?? s.listVariables().map((v) => v.name);
      requireVariables(s, names);
      if (names.length === 0) return [];
      const panel = s.readPanel({ variables: names, regions });
      return describeVariables(panel, names).variables.map((d) => ({
        name: d.name,
        n: d.n,
        mean: finiteOrNull(d.mean),
        sd: finiteOrNull(d.sd),
        min: finiteOrNull(d.min),
        p5: finiteOrNull(d.p5),
        median: finiteOrNull(d.median),
        p95: finiteOrNull(d.p95),
        max: finiteOrNull(d.max),
        missing: d.missing,
      }));
    },
    'panel:table': async (req) => readTablePage(store(), req),
    'data:editCell': async (req) => outcome(editCell(store(), req)),
    'variables:delete': async (req) => outcome(deleteVariable(store(), req)),
    'variables:recompute': async ({ names }) => outcome(recomputeDerived(store(), names)),
    'data:undo': async ({ id }) => outcome(undoEdit(store(), id)),
    'data:edits': async ({ limit }) => ({ edits: store().listEdits(limit).map(editOut) }),
    'variables:dependents': async ({ name }) => {
      const s = store();
      requireVariables(s, [name]);
      return { dependents: dependentsOf(s, name) };
    },
    'variables:derive': async ({ name, expression, label, unit }) => {
      const s = store();
      await deriveVariable(s, { name, expression, label, unit });
      const v = s.listVariables().find((x) => x.name === name);
      if (!v) throw new Error(`derived variable ${name} was not stored`);
      return { variable: variableInfo(v) };
    },
  };
}
