import { expect } from 'vitest';
import { InputError } from '../../src/core/errors';

/** Run `fn`, expecting it to throw an InputError; return that error for message assertions. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

/** Await `p`, expecting it to reject with an InputError; return that error. */
export async function inputErrorAsync(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, the promise resolved');
}
