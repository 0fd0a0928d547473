import { v5 as uuidv5 } from 'uuid';

const DEMO_NAMESPACE = '0f6b9a52-3c1e-4d7a-9b8e-5a2f6c1d4e30';

/** Stable ids for demo rows, so the demo company (and README queries naming ids) is the same on every machine. */
export function demoId(key: string): string {
  return uuidv5(key, DEMO_NAMESPACE);
}
