// What react-is answers for the libraries the web app bundles (recharts asks isFragment), for Preact's elements:
// vite.config.ts points 'react-is' here. React's own react-is compares $$typeof with React 19's symbols, which
// Preact's elements do not carry, so a Fragment among a chart's children would not be unpacked.
import { Fragment, isValidElement } from 'preact/compat';

export { isValidElement as isElement };

export function isFragment(value: unknown): boolean {
  return isValidElement(value) && (value as { type: unknown }).type === Fragment;
}
