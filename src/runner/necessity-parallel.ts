/**
 * The necessity analysis on several cores: the same jobs as `necessity` (necessity.ts), spread
 * over worker threads, with the same rows in the same order. Threads rather than processes, so
 * that a killed run (SIGKILL, Ctrl-C) takes its workers with it and leaves no orphan hunting.
 *
 * Why the rows are identical: every job reads only its part, its dropped tags, the options and
 * the store as it was when the analysis began (sent to each worker), never what other jobs
 * found; a pair waits for its part's single-tag rows, which decide whether it is `implied`.
 * The main thread saves witnesses (content-addressed, so the order of saves names no file
 * differently) and reports rows in table order.
 */
import { Worker } from 'node:worker_threads';
import { DefinitionError, HarnessError, InputError } from '../numeric/errors.ts';
import { loadRegistry } from '../theorems/registry.ts';
import type { TheoremPart } from '../theorems/types.ts';
import { impliedRow, jobsOf, necessity, settle, shardParts, storeOf, underFullFailure, type JobOptions, type NecessityOptions, type NecessityRow } from './necessity.ts';
import type { WorkerData, WorkerReply, WorkerRequest } from './necessity-worker.ts';

/** Errors keep their class across the thread boundary: the CLI's exit status depends on it. */
function revive({ name, message, stack }: { name: string; message: string; stack?: string }): Error {
  const Ctor = { InputError, DefinitionError, HarnessError }[name] ?? Error;
  const e = new Ctor(message);
  if (stack) e.stack = stack;
  return e;
}

/**
 * The worker's module: JavaScript next to this file in the build. From the TypeScript sources
 * (vitest, the bench through tsx) a thread does not inherit the parent's TypeScript loader, so
 * the worker first registers tsx's (a devDependency, present wherever the sources run).
 */
function startWorker(data: WorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./necessity-worker.js', import.meta.url), { workerData: data });
  const entry = new URL('./necessity-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

interface Slot {
  readonly part: TheoremPart;
  readonly dropped: readonly string[];
  row?: NecessityRow;
}

export async function necessityParallel(parts: readonly TheoremPart[], opts: NecessityOptions & { readonly jobs: number }): Promise<NecessityRow[]> {
  // Workers find parts by id in the registry: parts from elsewhere (a library's own) run here.
  const registry = await loadRegistry();
  const own = parts.every((p) => registry.parts.includes(p));
  if (opts.jobs <= 1 || !own) return necessity(parts, opts);

  const { store, repoRel } = storeOf(opts);
  const stored = store.loadAll();
  const jobOpts: JobOptions = { runs: opts.runs, seeds: opts.seeds, seed: opts.seed, timeLimitSec: opts.timeLimitSec, rehunt: opts.rehunt, guidedBudget: opts.guidedBudget };
  const slots: Slot[] = shardParts(parts, opts.shard).flatMap((part) => jobsOf(part, opts.pairs).map(({ dropped }) => ({ part, dropped })));
  // Full tags and single tags may start at once; a part's pairs once its single tags are done.
  const queue: number[] = slots.flatMap((s, i) => (s.dropped.length < 2 ? [i] : []));
  let reported = 0;
  // Rows go out in table order; a part's full-tags row comes first, and decides whether its
  // dropped-tag rows are marked `part-fails` (as necessity() does in one thread).
  const fullRow = (part: TheoremPart) => slots.find((s) => s.part === part && s.dropped.length === 0)?.row;
  const report = () => {
    for (; reported < slots.length && slots[reported].row; reported++) {
      const s = slots[reported];
      s.row = underFullFailure(s.row!, fullRow(s.part));
      opts.onRow?.(s.row);
    }
  };
  const release = (part: TheoremPart) => {
    const mine = slots.map((s, i) => [s, i] as const).filter(([s]) => s.part === part);
    if (mine.some(([s]) => s.dropped.length === 1 && !s.row)) return;
    const loadBearing = new Set(mine.flatMap(([s]) => (s.dropped.length === 1 && s.row!.witness ? [s.dropped[0]] : [])));
    for (const [s, i] of mine.filter(([x]) => x.dropped.length === 2 && !x.row)) {
      const implied = impliedRow(part, s.dropped, loadBearing);
      if (implied) s.row = implied;
      else queue.push(i);
    }
    queue.sort((a, b) => a - b); // table order: earlier parts first, so rows are reported early
  };
  for (const part of new Set(slots.map((s) => s.part))) release(part);

  const data: WorkerData = { stored, storeLocation: store.location, opts: jobOpts };
  const workers = Array.from({ length: Math.min(opts.jobs, slots.length) }, () => startWorker(data));
  try {
    await new Promise<void>((done, fail) => {
      const idle = new Set(workers);
      // Hand queued jobs to idle workers, one each; done when nothing is queued or running.
      const feed = () => {
        for (const w of idle) {
          const k = queue.shift();
          if (k === undefined) break;
          idle.delete(w);
          w.postMessage({ k, id: slots[k].part.id, dropped: [...slots[k].dropped] } satisfies WorkerRequest);
        }
        if (idle.size === workers.length && queue.length === 0) done();
      };
      for (const w of workers) {
        w.on('message', (m: WorkerReply) => {
          if ('error' in m) return fail(revive(m.error));
          const slot = slots[m.k];
          try {
            slot.row = settle(m.result, store, repoRel);
          } catch (e) {
            return fail(e);
          }
          if (slot.dropped.length === 1) release(slot.part);
          report();
          idle.add(w);
          feed();
        });
        w.on('error', fail);
        w.on('exit', (code) => fail(new HarnessError(`a necessity worker stopped (exit ${code})`)));
      }
      report();
      feed();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  report();
  return slots.map((s) => s.row!);
}
