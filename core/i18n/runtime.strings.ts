import type { Bundle } from './types';

/** Strings of the `runtime` namespace; zh-CN first. */
export const runtime: Bundle = {
  'zh-CN': {},
  en: {},
};
