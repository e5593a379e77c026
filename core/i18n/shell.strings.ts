import type { Bundle } from './types';

/**
 * Strings of the `shell` namespace (Electron main's native dialogs and `npm start`'s terminal messages); zh-CN first.
 */
export const shell: Bundle = {
  'zh-CN': {
    'dialog.openTitle': '打开项目',
    'dialog.saveTitle': '保存项目',
    'dialog.filterName': 'AI Lab Studio 项目',
    'start.electron': '正在启动桌面应用（Electron）。',
    'start.building': '正在构建{{what}}……',
    'start.upToDate': '{{what}}已是最新，不需要重新构建。',
    'start.buildFailed': '构建{{what}}失败（退出码 {{code}}）。',
    'start.browserNoElectron': '这台电脑上没有 Electron 程序（{{reason}}），改用浏览器模式：启动本地服务，并用 Chromium / Chrome / Edge 打开应用窗口（找不到浏览器时会显示网址）。',
    'start.browserRequested': '按 AILAB_BROWSER=1 的要求使用浏览器模式。',
    'start.renderer': '界面',
    'start.electronBundle': 'Electron 主进程和预加载脚本',
  },
  en: {
    'dialog.openTitle': 'Open project',
    'dialog.saveTitle': 'Save project',
    'dialog.filterName': 'AI Lab Studio project',
    'start.electron': 'Starting the desktop app (Electron).',
    'start.building': 'Building {{what}}…',
    'start.upToDate': 'No rebuild needed: {{what}} is up to date.',
    'start.buildFailed': 'Building {{what}} failed (exit code {{code}}).',
    'start.browserNoElectron': 'The Electron binary is not available on this computer ({{reason}}); starting browser mode instead: a local server, opened in a Chromium / Chrome / Edge app window (or its address is printed if no browser is found).',
    'start.browserRequested': 'Browser mode requested by AILAB_BROWSER=1.',
    'start.renderer': 'the user interface',
    'start.electronBundle': 'the Electron main process and preload',
  },
};
