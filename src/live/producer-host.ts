/**
 * Entry point of the producer's process in a live run: it runs a `ProducerSide` as the parent
 * process directs over IPC, so that the producer's CPU time and bytes are measured apart from
 * the consumers'.
 */
import { isPollVsPushError } from '../errors.ts';
import { realNow } from '../runtime/live-clock.ts';
import type { FromProducer, ToProducer } from './producer-protocol.ts';
import { ProducerSide } from './producer-side.ts';

let side: ProducerSide | undefined;

function send(message: FromProducer): void {
  process.send?.(message);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  send({ type: 'failed', message, code: isPollVsPushError(error) ? error.code : undefined });
}

async function handle(message: ToProducer): Promise<void> {
  switch (message.type) {
    case 'init':
      side = new ProducerSide(message.options);
      send({ type: 'ready', url: await side.listen() });
      return;
    case 'warm':
      await side?.warmUp(message.receiverUrl);
      send({ type: 'warmed' });
      return;
    case 'clock':
      send({ type: 'clock', now: realNow() });
      return;
    case 'go':
      side?.run(message.realStart).then(() => send({ type: 'idle' }), fail);
      return;
    case 'stop': {
      const stats = await side?.stop();
      if (stats !== undefined) send({ type: 'stats', stats });
      process.disconnect();
      process.exitCode = 0;
      return;
    }
  }
}

process.on('message', (message: ToProducer) => {
  handle(message).catch(fail);
});

// The parent going away, by a crash or a second Ctrl-C, must not leave this process behind.
process.on('disconnect', () => {
  setTimeout(() => process.exit(0), 1_000).unref();
});
