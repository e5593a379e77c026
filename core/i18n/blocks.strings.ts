import type { Bundle } from './types';

/** Strings of the `blocks` namespace; zh-CN first. */
export const blocks: Bundle = {
  'zh-CN': {},
  en: {},
};
