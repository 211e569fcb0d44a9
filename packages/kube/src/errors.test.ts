import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { KubeError, isAlreadyExists, isConflict, isGone, isNotFound, kubeErrorFromResponse, toKubeError } from './errors.js';

const statusBody = (code: number, reason: string, message: string): string =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

describe('KubeError normalisation', () => {
  it.each([
    {
      name: 'NotFound Status body',
      err: kubeErrorFromResponse(404, statusBody(404, 'NotFound', 'rollouts.argoproj.io "demo" not found')),
      expected: { code: 404, reason: 'NotFound', message: 'rollouts.argoproj.io "demo" not found' },
      notFound: true, conflict: false, exists: false,
    },
    {
      name: 'Conflict on update',
      err: kubeErrorFromResponse(409, statusBody(409, 'Conflict', 'the object has been modified')),
      expected: { code: 409, reason: 'Conflict', message: 'the object has been modified' },
      notFound: false, conflict: true, exists: false,
    },
    {
      name: 'AlreadyExists is a 409 but not a conflict',
      err: kubeErrorFromResponse(409, statusBody(409, 'AlreadyExists', 'replicasets.apps "demo-abc" already exists')),
      expected: { code: 409, reason: 'AlreadyExists', message: 'replicasets.apps "demo-abc" already exists' },
      notFound: false, conflict: false, exists: true,
    },
    {
      name: 'plain-text body keeps the text and derives the reason',
      err: kubeErrorFromResponse(404, '404 page not found'),
      expected: { code: 404, reason: 'NotFound', message: '404 page not found' },
      notFound: true, conflict: false, exists: false,
    },
  ])('$name', ({ err, expected, notFound, conflict, exists }) => {
    expect({ code: err.code, reason: err.reason, message: err.message }).toEqual(expected);
    expect([isNotFound(err), isConflict(err), isAlreadyExists(err)]).toEqual([notFound, conflict, exists]);
  });

  it('parses client-node ApiException whose body is the raw response string', () => {
    const apiErr = new ApiException(404, 'HTTP-Code: 404', statusBody(404, 'NotFound', 'pods "p" not found'), {});
    const err = toKubeError(apiErr);
    expect(err).toBeInstanceOf(KubeError);
    expect([err.code, err.reason, err.message]).toEqual([404, 'NotFound', 'pods "p" not found']);
    expect(err.cause).toBe(apiErr);
  });

  it('maps watch errors carrying statusCode 410 to Gone', () => {
    const watchErr = Object.assign(new Error('Gone'), { statusCode: 410 });
    expect(isGone(watchErr)).toBe(true);
    expect(toKubeError(watchErr).reason).toBe('Gone');
  });

  it('maps an in-stream watch ERROR Status (Expired) to Gone', () => {
    expect(isGone({ kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' })).toBe(true);
  });

  it('treats network failures as code 0 / Unknown and keeps the cause', () => {
    const cause = new Error('connect ECONNREFUSED');
    const err = toKubeError(cause);
    expect([err.code, err.reason, err.message, err.cause]).toEqual([0, 'Unknown', 'connect ECONNREFUSED', cause]);
    expect(isNotFound(cause)).toBe(false);
  });
});
