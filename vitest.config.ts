import { defineConfig } from 'vitest/config';

// Engine-backed and end-to-end tests wait on conditions with the deadlines of
// test/helpers/deadlines.ts (30 s for the app to follow a change, 1 min for a
// step of engine or app work), sized for busy 2-core machines. A test's default
// timeout fits several of them in turn; a test that waits on more sets its own.
// A hook starts an app (1 min) and its engine (1 min), then loads the test image.
const slowTestMs = 5 * 60_000;
const slowHookMs = 5 * 60_000;
const vmTestMs = 10 * 60_000;

// Four layers: unit tests beside the code, engine-backed suites against a real
// dockerd, the managed VM under QEMU, and end-to-end suites driving Chromium
// against the browser face.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts'],
          testTimeout: slowTestMs,
          hookTimeout: slowHookMs,
          fileParallelism: false,
        },
      },
      {
        // The VM image booted under QEMU (TCG here: each boot takes tens of
        // seconds on a quiet machine, minutes on a busy one). The global setup
        // builds the image once per run, or reuses the cached one.
        test: {
          name: 'vm',
          include: ['test/vm/**/*.test.ts'],
          globalSetup: ['test/vm/global-setup.ts'],
          testTimeout: vmTestMs,
          hookTimeout: vmTestMs,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: slowTestMs,
          hookTimeout: slowHookMs,
          fileParallelism: false,
        },
      },
    ],
  },
});
