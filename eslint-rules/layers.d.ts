import type {ESLint} from 'eslint';

export const sourceRoot: string;
export const allowedLayers: Record<string, readonly string[]>;
declare const plugin: ESLint.Plugin;
export default plugin;
