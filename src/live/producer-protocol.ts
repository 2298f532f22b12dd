import type { ProducerSideOptions, ProducerStats } from './producer-side.ts';

/** Messages from the run to the producer's process. */
export type ToProducer =
  | { readonly type: 'init'; readonly options: ProducerSideOptions }
  | { readonly type: 'warm'; readonly receiverUrl: string }
  | { readonly type: 'go'; readonly realStart: number }
  | { readonly type: 'clock' }
  | { readonly type: 'stop' };

/** Messages from the producer's process to the run. */
export type FromProducer =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'warmed' }
  | { readonly type: 'idle' }
  | { readonly type: 'clock'; readonly now: number }
  | { readonly type: 'failed'; readonly message: string; readonly code?: string }
  | { readonly type: 'stats'; readonly stats: ProducerStats };
