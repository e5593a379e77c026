import type { Bundle } from './types';

/** Strings of the `host` namespace; zh-CN first. */
export const host: Bundle = {
  'zh-CN': {},
  en: {},
};
