/**
 * Results and plans cross Redis as V8 structured-clone bytes (`node:v8` serialize): the same
 * encoding a worker thread uses to hand a local sweep its outcomes, so typed arrays, NaN, -0 and
 * every float come back bit for bit, and this module needs to know nothing of the result's shape.
 */
import { deserialize, serialize } from 'node:v8';

export function encode(value: unknown): Buffer {
  return serialize(value);
}

export function decode<T>(bytes: Buffer): T {
  return deserialize(bytes) as T;
}
