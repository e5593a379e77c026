/** Simulator events as text in both languages (CLI, run log, lesson feedback). */
import { translateBoth } from '../i18n/index';
import type { SimEvent } from './context';

/** The event described in zh-CN and en. Robot and drone numbers are 1-based, as the UI shows them. */
export function describeSimEvent(event: SimEvent): { readonly 'zh-CN': string; readonly en: string } {
  switch (event.type) {
    case 'ringPassed':
      return translateBoth('sim', 'event.ringPassed', { drone: event.drone + 1, ringId: event.ringId, order: event.order });
    case 'droneAutoLand':
      return translateBoth('sim', `event.droneAutoLand.${event.reason}`, { drone: event.drone + 1 });
    case 'droneLanded':
      return translateBoth('sim', 'event.droneLanded', { drone: event.drone + 1 });
    case 'droneRefused':
      return translateBoth('sim', `event.droneRefused.${event.reason}`, { drone: event.drone + 1, command: event.command });
    case 'actionTimedOut':
      return translateBoth('sim', `event.actionTimedOut.${event.action}`, { robot: event.robot + 1 });
  }
}
