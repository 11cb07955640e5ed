/**
 * What every workflow bundle is built with besides the workflows: the failure converter
 * (codec/dataConverter.ts) and the modules preloaded once into the worker's reusable V8 context.
 *
 * A preloaded module is evaluated once and shared by every workflow the context runs (its exports
 * deep-frozen by the SDK); any other module is evaluated again for each workflow, on every replay.
 * Only modules without per-workflow state belong here: pure functions and caches of pure results.
 * domain/time/mexicoClock.ts caches one Intl.DateTimeFormat per zone; built again per workflow, it was
 * ~0.35 s of the workflow thread's ~10.7 CPU-s in a 1,500-reminder rush (docs/performance.md).
 */
import { failureConverterPath } from '../codec/dataConverter';

export const preloadModules = [require.resolve('../domain/time/mexicoClock')];

/** Options for `bundleWorkflowCode` (scripts/bundleWorkflows.ts, test/temporalEnv.ts). */
export const workflowBundleOptions = () => ({ workflowsPath: require.resolve('../workflows'), failureConverterPath, preloadModules });
