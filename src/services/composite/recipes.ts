/**
 * Composite-index recipes saved in a project: one `meta` row (`composite_recipes`) holding the
 * JSON list of `{ name, recipe, variable, savedAt }`, validated by the contract's schema when
 * read. No schema change: the meta table is a key/value store every project file has.
 */
import { InputError } from '../../core/errors';
import { savedRecipeSchema } from '../../contract/composite';
import type { ProjectStore } from '../../store/project-store';
import type { z } from 'zod';
import type { IndexRecipe } from './recipe';

/** A saved recipe. */
export type SavedRecipe = z.output<typeof savedRecipeSchema>;

/** The meta key of the recipes. */
export const RECIPES_META_KEY = 'composite_recipes';

/**
 * The saved recipes, in the order saved.
 * @throws InputError `composite-recipes-unreadable` when the stored list is not valid (naming the file)
 */
export function listRecipes(store: ProjectStore): SavedRecipe[] {
  const raw = store.getMeta(RECIPES_META_KEY);
  if (raw === undefined) return [];
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { parsed = null; }
  const r = savedRecipeSchema.array().safeParse(parsed);
  if (!r.success) {
    const reason = r.error.issues[0]?.message ?? 'not a list';
    throw new InputError('composite-recipes-unreadable', `${store.path}: the saved composite-index recipes cannot be read (${reason})`, { file: store.path, reason });
  }
  return r.data;
}

/** Save (or replace, keeping its place) a recipe under `name`; returns the new list. */
export function saveRecipe(store: ProjectStore, name: string, recipe: IndexRecipe, variable: string | null = null): SavedRecipe[] {
  const list = listRecipes(store);
  const row: SavedRecipe = { name, recipe, variable, savedAt: new Date().toISOString() };
  const k = list.findIndex((x) => x.name === name);
  if (k >= 0) list[k] = row; else list.push(row);
  store.setMeta(RECIPES_META_KEY, JSON.stringify(list));
  return list;
}

/**
 * Delete a saved recipe; returns the new list.
 * @throws InputError `composite-recipe-unknown` when there is no recipe of that name
 */
export function deleteRecipe(store: ProjectStore, name: string): SavedRecipe[] {
  const list = listRecipes(store);
  const k = list.findIndex((x) => x.name === name);
  if (k < 0) throw new InputError('composite-recipe-unknown', `there is no saved index recipe "${name}" in ${store.path}`, { name, file: store.path });
  list.splice(k, 1);
  store.setMeta(RECIPES_META_KEY, JSON.stringify(list));
  return list;
}

/**
 * The recipe of a saved name.
 * @throws InputError `composite-recipe-unknown`
 */
export function getRecipe(store: ProjectStore, name: string): SavedRecipe {
  const r = listRecipes(store).find((x) => x.name === name);
  if (!r) throw new InputError('composite-recipe-unknown', `there is no saved index recipe "${name}" in ${store.path}`, { name, file: store.path });
  return r;
}
