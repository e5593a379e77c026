import type { Bundle } from './types';

/** Strings of the `sim` namespace; zh-CN first. */
export const sim: Bundle = {
  'zh-CN': {},
  en: {},
};
