import type { FastifyInstance } from 'fastify';

/**
 * Lets a shutdown drain promptly. When Fastify starts closing it stops accepting and closes the
 * idle keep-alive connections, but a request in flight at that moment keeps its connection open
 * after its answer for the whole keep-alive timeout (72 s), and the close waits for it. Once
 * closing, every answer says `Connection: close`, and each connection that falls idle is closed.
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  fastify.addHook('onResponse', async () => {
    if (closing) setImmediate(() => fastify.server.closeIdleConnections());
  });
}
