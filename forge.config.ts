/**
 * Electron Forge configuration with the Vite plugin (`electron-forge start|package|make`).
 *
 * NOTE: @electron-forge/* cannot be installed on our offline build machines: its dependency
 * @electron/rebuild pulls @electron/node-gyp from a GitHub tarball, and only the npm registry
 * is reachable there. So this file's types are absent and it is excluded from `tsc` (tsconfig
 * `include` does not list it); `npm start` (scripts/start.mjs, Vite builds + Electron or web
 * mode) and `npm run dist` (electron-builder.yml: Windows NSIS, Linux AppImage) are what we run.
 * On a connected machine:
 *   npm i -D @electron-forge/cli @electron-forge/plugin-vite @electron-forge/maker-squirrel \
 *     @electron-forge/maker-zip @electron-forge/maker-deb @electron-forge/plugin-auto-unpack-natives
 * Electron fuses are declared once, in electron-builder.yml (`electronFuses`), the config the
 * build uses; this file declares none (a fuses plugin here was never run). A Forge build would
 * need @electron-forge/plugin-fuses with the same values as electron-builder.yml.
 * Forge's Vite plugin passes the dev-server URL as MAIN_WINDOW_VITE_DEV_SERVER_URL; electron/main.ts
 * reads VITE_DEV_SERVER_URL, so `forge start` needs `VITE_DEV_SERVER_URL=$MAIN_WINDOW_VITE_DEV_SERVER_URL`
 * or a one-line fallback in main.ts.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { VitePlugin } from '@electron-forge/plugin-vite';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Resilience Workbench',
    asar: { unpack: '**/node_modules/better-sqlite3/**' },
    extraResource: ['assets/generated/samples', 'assets/datasets'],
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'] },
  makers: [new MakerSquirrel({}), new MakerZIP({}, ['linux', 'win32']), new MakerDeb({})],
  plugins: [
    new AutoUnpackNativesPlugin({}),
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.config.ts' }],
    }),
  ],
};

export default config;
