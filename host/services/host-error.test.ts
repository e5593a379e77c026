import { describe, expect, it } from 'vitest';
import { host } from '../../core/i18n/host.strings';
import { HOST_ERROR_CODES, HostException, toHostError } from './host-error';

describe('host errors', () => {
  it('every error code has a message in Chinese and English, so the UI never shows a bare code', () => {
    for (const code of HOST_ERROR_CODES) {
      expect(host['zh-CN'][`error.${code}`], code).toBeTruthy();
      expect(host.en[`error.${code}`], code).toBeTruthy();
    }
  });

  it('crosses a boundary as plain data with an English message for logs', () => {
    const plain = new HostException('projectTooNew', { path: 'a.ailab', fileVersion: 3, supportedVersion: 1 }).toJSON();
    expect(plain).toEqual({
      code: 'projectTooNew',
      params: { path: 'a.ailab', fileVersion: 3, supportedVersion: 1 },
      message: expect.stringContaining('file version 3'),
    });
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
  });

  it('an unexpected failure becomes an internal error with its message as detail', () => {
    expect(toHostError(new TypeError('boom'))).toMatchObject({ code: 'internal', params: { detail: 'boom' } });
  });
});
