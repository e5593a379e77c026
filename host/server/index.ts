export { startServer, DEFAULT_RENDERER_DIR, WS_MAX_FRAME_BYTES, WS_PATH, type ServerOptions, type RunningServer } from './start-server';
export { dispatchFrame, type WsResponse } from './ws-dispatch';
export { contentSecurityPolicy, hostChecker, originAllowed } from './security';
