import { parentPort } from 'node:worker_threads';
import { checkDigitFor, detectCarrier } from './tracking-number.js';

/** Worker thread of check-thread.ts: lines of `carrier code (empty: detect) \u0001 number` in, the library's answers out as JSON, in order. */
parentPort!.on('message', ({ id, questions }: { id: number; questions: string }) => {
  // One string each way: a message of thousands of small arrays costs more to copy between threads than the checks.
  const answers = questions.split('\n').map((q) => {
    const [code, number] = q.split('\u0001') as [string, string];
    return code === '' ? detectCarrier(number) : checkDigitFor(code, number);
  });
  parentPort!.postMessage({ id, answers: JSON.stringify(answers) });
});
