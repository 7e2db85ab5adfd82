import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../shared/contracts/institutions.js';
import {
  dayParams,
  explanationAnswer,
  historyAnswer,
  historyQuery,
  spendingAnswer,
  spendingQuery,
  transactionAnswer,
  transactionsAnswer,
  transactionsQuery,
  updateTransactionRequest,
} from '../../shared/contracts/history.js';
import type { ServiceDeps } from '../../services/deps.js';
import { everythingJson, netWorthCsv, transactionsCsv } from '../../services/history/export.js';
import { explainNetWorth, netWorthHistoryJson } from '../../services/history/net-worth.js';
import { spendingOf } from '../../services/history/spending.js';
import { listTransactionsOf, updateTransaction } from '../../services/history/transactions.js';
import type { DashboardCache } from '../../services/read-cache.js';

/** Sends a file written piece by piece; the first piece is read before the answer starts, so an early failure is still a proper error. */
async function download(reply: FastifyReply, type: string, filename: string, pieces: AsyncGenerator<string>) {
  const first = await pieces.next();
  const stream = Readable.from(
    (async function* () {
      if (!first.done) yield first.value;
      yield* pieces;
    })(),
  );
  return reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(stream);
}

/**
 * Long lists are sent as JSON made here: the contract documents them, and the services build them
 * from it, but checking every row of every page again on the way out (the serializer's zod pass)
 * cost more than the query (bench: history at scale).
 */
const json = (reply: FastifyReply, body: unknown) => reply.type('application/json; charset=utf-8').send(typeof body === 'string' ? body : JSON.stringify(body));

export const historyRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps; cache: DashboardCache }> = async (app, { deps, cache }) => {
  const tags = ['history'];

  app.get('/api/transactions', { schema: { tags, querystring: transactionsQuery, response: { 200: transactionsAnswer } } }, async (request, reply) =>
    json(reply, await listTransactionsOf(deps, request.auth!.user.id, request.query)),
  );

  app.patch('/api/transactions/:id', { schema: { tags, params: idParams, body: updateTransactionRequest, response: { 200: transactionAnswer } } }, async (request) =>
    updateTransaction(deps, request.auth!.user.id, request.params.id, request.body),
  );

  app.get('/api/spending', { schema: { tags, querystring: spendingQuery, response: { 200: spendingAnswer } } }, async (request) =>
    spendingOf(deps, request.auth!.user, request.query.month),
  );

  app.get('/api/net-worth/history', { schema: { tags, querystring: historyQuery, response: { 200: historyAnswer } } }, async (request, reply) =>
    json(reply, await netWorthHistoryJson(deps, cache, request.auth!.user, request.query)),
  );

  app.get('/api/net-worth/history/:day', { schema: { tags, params: dayParams, response: { 200: explanationAnswer } } }, async (request, reply) =>
    json(reply, await explainNetWorth(deps, request.auth!.user, request.params.day)),
  );

  const today = () => deps.now().toISOString().slice(0, 10);
  app.get('/api/export/transactions.csv', { schema: { tags } }, async (request, reply) =>
    download(reply, 'text/csv; charset=utf-8', `cashview-transactions-${today()}.csv`, transactionsCsv(deps, request.auth!.user.id)),
  );
  app.get('/api/export/net-worth.csv', { schema: { tags } }, async (request, reply) =>
    download(reply, 'text/csv; charset=utf-8', `cashview-net-worth-${today()}.csv`, netWorthCsv(deps, cache, request.auth!.user)),
  );
  app.get('/api/export/all.json', { schema: { tags } }, async (request, reply) =>
    download(reply, 'application/json; charset=utf-8', `cashview-everything-${today()}.json`, everythingJson(deps, request.auth!.user.id)),
  );
};
