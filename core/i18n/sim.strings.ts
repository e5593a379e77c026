import type { Bundle } from './types';

/**
 * Strings of the `sim` namespace; zh-CN first. `event.*` keys describe simulator events (core/sim/context.ts
 * `SimEvent`); their placeholders are the event's fields. Arena names and descriptions live in the arena data.
 */
export const sim: Bundle = {
  'zh-CN': {
    'event.ringPassed': '无人机 {{drone}} 穿过了圆环 {{ringId}}（第 {{order}} 个）',
    'event.droneAutoLand.idle': '无人机 {{drone}} 15 秒没有收到指令，自动降落',
    'event.droneAutoLand.battery': '无人机 {{drone}} 电量不足，自动降落',
    'event.droneLanded': '无人机 {{drone}} 已降落',
    'event.droneRefused.notFlying': '无人机 {{drone}} 还没有起飞，不能执行“{{command}}”',
    'event.droneRefused.battery': '无人机 {{drone}} 电量不足，不能执行“{{command}}”',
    'event.actionTimedOut.drive': '小车 {{robot}} 没能走完这段距离（可能顶住了墙），动作已结束',
    'event.actionTimedOut.turn': '小车 {{robot}} 没能转到这个角度（可能被卡住了），动作已结束',
    'error.unknownArena': '没有叫“{{id}}”的场地。可用的场地：{{ids}}',
    'error.noArena': '请选择一个场地',
    'summary.stateHash': '状态哈希',
    'summary.simSeconds': '模拟时间（秒）',
    'summary.stopReason': '结束原因',
  },
  en: {
    'event.ringPassed': 'Drone {{drone}} flew through ring {{ringId}} (ring {{order}})',
    'event.droneAutoLand.idle': 'Drone {{drone}} got no command for 15 s and landed by itself',
    'event.droneAutoLand.battery': 'Drone {{drone}} battery is low: landing by itself',
    'event.droneLanded': 'Drone {{drone}} landed',
    'event.droneRefused.notFlying': 'Drone {{drone}} has not taken off, so it cannot do "{{command}}"',
    'event.droneRefused.battery': 'Drone {{drone}} battery is too low for "{{command}}"',
    'event.actionTimedOut.drive': 'Robot {{robot}} could not finish the drive (pushing a wall?), so the action ended',
    'event.actionTimedOut.turn': 'Robot {{robot}} could not finish the turn (stuck?), so the action ended',
    'error.unknownArena': 'There is no arena called "{{id}}". Arenas: {{ids}}',
    'error.noArena': 'Choose an arena',
    'summary.stateHash': 'State hash',
    'summary.simSeconds': 'Simulated time (s)',
    'summary.stopReason': 'Stop reason',
  },
};
