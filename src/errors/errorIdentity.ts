// How errors are recognised after they cross a bundle boundary. dist/extension.js, dist/core.js
// and dist/features.js each carry their own copy of every error class, so `instanceof` fails for an
// error made in another bundle (and the user loses its message and buttons). Errors are told apart
// by their `name`, which each class sets, or by a brand in the process-wide symbol registry.
// Pure: every layer and every bundle uses it.

/** True when `err` is an error object whose `name` is `name`, whichever bundle constructed it. */
export function hasErrorName(err: unknown, name: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; message?: unknown };
  return e.name === name && typeof e.message === 'string';
}

/** A guard for one error class that holds across bundles (checks the name, not the prototype). */
export function errorGuard<T extends Error>(name: string): (err: unknown) => err is T {
  return (err: unknown): err is T => hasErrorName(err, name);
}

/** A brand shared by every bundle of this process: `Symbol.for` keys are global, unlike classes. */
export function errorBrand(name: string): symbol {
  return Symbol.for(`planetscalePrivateLink.error.${name}`);
}

/** True when `err` carries the brand, whichever bundle set it. */
export function hasErrorBrand(err: unknown, brand: symbol): boolean {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[brand] === true;
}
