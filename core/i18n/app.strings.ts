import type { Bundle } from './types';

/** Strings of the `app` namespace; zh-CN first. */
export const app: Bundle = {
  'zh-CN': {},
  en: {},
};
