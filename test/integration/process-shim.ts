// A minimal `process` for the Node polyfills bundled into the web-worker test suite (the `assert`
// package and its `util` dependency read process.env and call process.nextTick). esbuild.mjs
// injects this export wherever the bundle refers to the free variable `process`.
export const process = {
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: 'browser',
  browser: true,
  version: '',
  versions: {} as Record<string, string>,
  cwd: (): string => '/',
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]): void => {
    queueMicrotask(() => callback(...args));
  },
};
