/**
 * The one default-layer rule: the layer named by the caller, else the project's own choice
 * (meta `default_layer`, set by the first boundary import and by the samples), else the first
 * layer by name. The map, the weights builder, the project summary, the CLI and the store
 * reads all go through here.
 */
import { InputError } from '../../core/errors';
import { DEFAULT_LAYER_KEY, type ProjectStore } from '../../store/project-store';

/** The layer shown and used when none is named: `preferred` when the project has it, else the first of `layers`; null without layers. */
export function defaultLayerOf(layers: readonly string[], preferred: string | undefined | null): string | null {
  return preferred && layers.includes(preferred) ? preferred : (layers[0] ?? null);
}

/** The project's default layer (see `defaultLayerOf`), or null when it has no boundaries. */
export function projectDefaultLayer(store: ProjectStore): string | null {
  return defaultLayerOf(store.listLayers(), store.getMeta(DEFAULT_LAYER_KEY));
}

/**
 * The boundary layer to use: `layer` when given, else the project's default layer.
 * @throws InputError `weights-no-geometry` when the project has no boundaries, `weights-unknown-layer` naming the layers it has.
 */
export function chooseLayer(store: ProjectStore, layer?: string): string {
  const layers = store.listLayers();
  if (layers.length === 0) throw new InputError('weights-no-geometry', 'This project has no boundaries yet. Import a GeoJSON or shapefile first.');
  const chosen = layer ?? (defaultLayerOf(layers, store.getMeta(DEFAULT_LAYER_KEY)) as string);
  if (!layers.includes(chosen)) {
    throw new InputError('weights-unknown-layer', `There is no boundary layer "${chosen}"; the project has ${layers.map((l) => `"${l}"`).join(', ')}.`, { layer: chosen, layers, layerList: layers.map((l) => `"${l}"`).join(', ') });
  }
  return chosen;
}
