/**
 * A worker thread of the parallel necessity analysis (necessity-parallel.ts). It loads the
 * registry itself (parts hold functions, which cannot be sent between threads), then runs the
 * jobs it is sent, one at a time, and posts each result back as data. It never writes: saving
 * witnesses and the table is the main thread's, so the store has one writer as before.
 */
import { relative, resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry } from '../theorems/registry.ts';
import { runJob, type JobOptions, type JobResult, type NecessityJob } from './necessity.ts';
import type { StoredCounterexample } from './store.ts';

export interface WorkerData {
  readonly stored: readonly StoredCounterexample[];
  readonly storeLocation: string;
  readonly opts: JobOptions;
}
export type WorkerRequest = NecessityJob & { readonly k: number };
export type WorkerReply = { readonly k: number } & ({ readonly result: JobResult } | { readonly error: { name: string; message: string; stack?: string } });

if (parentPort) {
  const port = parentPort;
  const { stored, storeLocation, opts } = workerData as WorkerData;
  const repoRel = (f: string) => relative(resolve(storeLocation, '..'), f);
  const registry = loadRegistry();
  port.on('message', async ({ k, id, dropped }: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { k, result: runJob((await registry).getPart(id), dropped, stored, opts, repoRel) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { k, error: { name: err.name, message: err.message, stack: err.stack } };
    }
    port.postMessage(reply);
  });
}
