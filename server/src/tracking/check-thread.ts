import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { inlineChecks, type Detection, type TrackingChecks } from './tracking-number.js';

/** A carrier code: does the number pass its check digit? null: which carriers could it be? */
export type TrackingQuestion = [carrierCode: string | null, number: string];
type Answer = boolean | null | Detection;

const keyOf = (code: string | null, number: string) => `${code ?? ''}\u0001${number}`;

/** Answers computed ahead; anything not asked (or lost with a failed thread) is computed inline. */
class AnsweredChecks implements TrackingChecks {
  constructor(private answers: Map<string, Answer>) {}

  checkDigitFor(carrierCode: string, number: string): boolean | null {
    const key = keyOf(carrierCode, number);
    return this.answers.has(key) ? (this.answers.get(key) as boolean | null) : inlineChecks.checkDigitFor(carrierCode, number);
  }

  detectCarrier(number: string): Detection {
    return (this.answers.get(keyOf(null, number)) as Detection | undefined) ?? inlineChecks.detectCarrier(number);
  }
}

// Built: dist/tracking-check-worker.js beside the bundle. From source (pnpm dev, tests) the thread registers tsx
// itself and then loads the TypeScript file (a worker's execArgv takes no --import).
const fromSource = import.meta.url.endsWith('.ts');
function workerScript(): { script: string | URL; eval: boolean } {
  if (!fromSource) return { script: new URL('./tracking-check-worker.js', import.meta.url), eval: false };
  // tsx's ESM entry, as its package exports it (a bare 'tsx/esm/api' would resolve from the thread's eval'd code, not from here).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const entry = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = pathToFileURL(path.join(path.dirname(manifest), entry)).href;
  const source = new URL('./check-worker.ts', import.meta.url).href;
  return { script: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, eval: true };
}

/**
 * V8 flags are process-wide, and the server's `--max-semi-space-size=32`
 * (runtime.json) overrides a worker's `maxYoungGenerationSizeMb`: this thread
 * would grow a 64 MB young generation for garbage it drops at once (measured:
 * 30 MB more peak RSS). A new isolate reads the flag as it starts on its own
 * thread, and the main heap was sized long ago, so the flag is cleared until
 * every thread being started is online. Returns that thread's "started".
 */
let starting = 0;
const semiSpaceFlag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  .filter((a) => /^--max[-_]semi[-_]space[-_]size=\d+$/.test(a)).at(-1);
function withoutSemiSpaceFlag(): () => void {
  if (!semiSpaceFlag) return () => {};
  if (starting++ === 0) v8.setFlagsFromString('--max-semi-space-size=0');
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--starting === 0) v8.setFlagsFromString(semiSpaceFlag);
  };
}

/**
 * The tracking library's check digits are the largest part of classifying an
 * import row (about 13 µs each, with its garbage), and node runs them on its
 * one thread while the second core idles. For a big file a worker thread
 * answers the next chunk's questions while this thread classifies the current
 * one. Its heap is small and it lives only as long as one preview.
 */
export class TrackingCheckThread {
  private worker: Worker;
  private waiting = new Map<number, (answers: Answer[] | null) => void>();
  private nextId = 0;
  private failed = false;

  constructor() {
    const { script, eval: isCode } = workerScript();
    const started = withoutSemiSpaceFlag();
    try {
      this.worker = new Worker(script, {
        eval: isCode,
        // Small: the thread keeps nothing between chunks. Running from source, tsx itself needs more.
        resourceLimits: { maxOldGenerationSizeMb: fromSource ? 96 : 12, maxYoungGenerationSizeMb: 2 },
      });
    } catch (error) {
      started();
      throw error;
    }
    this.worker.once('online', started);
    this.worker.unref();
    this.worker.on('message', ({ id, answers }: { id: number; answers: string }) => {
      this.waiting.get(id)?.(JSON.parse(answers) as Answer[]);
      this.waiting.delete(id);
    });
    // A thread that dies (out of its small heap, say) leaves every open and later question to be answered inline.
    const stop = (reason: string | null) => {
      if (reason && !this.failed) console.warn(`[imports] tracking check thread stopped (${reason}); checking inline`);
      this.failed = true;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    this.worker.on('error', (error) => stop(error.message));
    this.worker.on('exit', (code) => {
      started();
      stop(this.waiting.size ? `exit ${code}` : null);
    });
  }

  /** Resolves once the thread has answered; never rejects (a failed thread leaves the answers to be computed inline). */
  ask(questions: TrackingQuestion[]): Promise<TrackingChecks> {
    if (this.failed || questions.length === 0) return Promise.resolve(inlineChecks);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (answers) => {
        if (!answers) return resolve(inlineChecks);
        resolve(new AnsweredChecks(new Map(questions.map(([code, number], i) => [keyOf(code, number), answers[i]!]))));
      });
      this.worker.postMessage({ id, questions: questions.map(([code, number]) => keyOf(code, number)).join('\n') });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
