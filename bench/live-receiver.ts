import { HOOK_PATH, signedPost } from './live-fixture.ts';
import type { LoadComparison, LoadFigures } from './live-load.ts';
import { compareLoads } from './live-load.ts';
import type { Profile } from './profiles.ts';

/** The two receivers: the project's, which checks signatures, and a bare fastify POST route. */
type Receiver = 'receiver' | 'bare';

export type ReceiverFigures = LoadFigures<Receiver>;

/**
 * Loads the project's webhook receiver and a bare fastify POST route with the same signed post,
 * from autocannon in this process, while each receiver runs in a process of its own. The post
 * is signed once, when the comparison starts, and the receiver accepts its timestamp for 5
 * minutes, far longer than any profile's comparison lasts.
 */
export function benchReceiver(profile: Profile): Promise<ReceiverFigures> {
  const post = signedPost(Math.floor(Date.now() / 1000));
  const request = {
    method: 'POST',
    path: HOOK_PATH,
    headers: post.headers,
    body: post.body,
    status: 204,
  } as const;

  const comparison: LoadComparison<Receiver> = {
    group: 'webhook',
    tasks: ['receiver', 'bare'],
    targets: {
      receiver: {
        ...request,
        label: 'receiver with signature checks',
        server: 'receiver',
        description:
          'POST of one signed event: startReceiverServer checks the HMAC-SHA256 signature ' +
          'over the raw body, parses it and hands the message over',
      },
      bare: {
        ...request,
        label: 'bare fastify POST route',
        server: 'bare-receiver',
        description: "the same POST to one fastify route with fastify's JSON parser",
      },
    },
  };
  return compareLoads(comparison, profile.receiver);
}
