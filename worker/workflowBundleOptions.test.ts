import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundleOptions } from './workflowBundleOptions';

// A preloaded module is shared only if the bundle holds it once, under the id the workflows require it by;
// a path that resolved elsewhere would add a second copy, still evaluated for every workflow.
test('the bundle preloads mexicoClock under the same module id the workflow code requires', async () => {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: new DefaultLogger('ERROR') });
  const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
  const ids = [...preload.matchAll(/__webpack_require__\(.*"([^"]+)"\);/g)].map((m) => m[1]);
  expect(ids).toEqual([expect.stringMatching(/domain\/time\/mexicoClock\.(ts|js)$/)]);
  // Defined once, and required by that id from the domain code as well as from the preload.
  expect(code.split(`/***/ "${ids[0]}"`).length - 1).toBe(1);
  expect(code.split(`"${ids[0]}")`).length - 1).toBeGreaterThan(2);
}, 120_000);
