/**
 * What the network's DNS server says to one question, decided from the names visible to the
 * asking container (its networks' endpoints). A known name gets every address it has there (all
 * replicas), an `A` question only, since networks are IPv4: any other type of a known name is an
 * empty NOERROR so resolvers do not wait on the outside for an AAAA. `<name>.<network>` is the
 * same name on that one network, as in Docker. Reverse questions for an endpoint's address get
 * its container name. Everything else goes to the outside resolvers, unchanged.
 *
 * Pure: the scope is built by the caller, the packets are dns-packet's objects.
 */
import type { Answer, DecodedPacket, Packet, Question } from 'dns-packet';

/** Names as Docker's embedded DNS gives them: ten minutes. */
const TTL_SECONDS = 600;

export interface DnsScope {
  /** Lower-case name → addresses. */
  readonly names: ReadonlyMap<string, readonly string[]>;
  /** Lower-case network name → (name → addresses), for `<name>.<network>` questions. */
  readonly byNetwork: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** `in-addr.arpa` name → the container name. */
  readonly reverse: ReadonlyMap<string, string>;
}

export type DnsDecision = { kind: 'answer'; response: Packet } | { kind: 'forward' };

/** Response flags: a reply to a recursive resolver that answers recursion itself. */
const QR = 1 << 15;
const RA = 1 << 7;
const RD = 1 << 8;

export function decideAnswer(query: DecodedPacket, scope: DnsScope): DnsDecision {
  const question = query.questions?.[0];
  if (query.type !== 'query' || !question || (query.questions?.length ?? 0) !== 1) {
    return { kind: 'forward' };
  }
  const name = question.name.replace(/\.$/, '').toLowerCase();
  if (question.type === 'PTR') {
    const target = scope.reverse.get(name);
    if (target === undefined) return { kind: 'forward' };
    return reply(query, question, [{ type: 'PTR', name: question.name, ttl: TTL_SECONDS, data: target }]);
  }
  const addresses = lookup(name, scope);
  if (addresses === undefined) return { kind: 'forward' };
  if (question.type !== 'A') return reply(query, question, []);
  return reply(
    query,
    question,
    addresses.map((address) => ({ type: 'A', name: question.name, ttl: TTL_SECONDS, data: address })),
  );
}

function lookup(name: string, scope: DnsScope): readonly string[] | undefined {
  const direct = scope.names.get(name);
  if (direct) return direct;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return scope.byNetwork.get(name.slice(dot + 1))?.get(name.slice(0, dot));
}

function reply(query: DecodedPacket, question: Question, answers: Answer[]): DnsDecision {
  return {
    kind: 'answer',
    response: {
      type: 'response',
      id: query.id ?? 0,
      flags: QR | RA | ((query.flags ?? 0) & RD),
      questions: [question],
      answers,
    },
  };
}

/** SERVFAIL for a question neither we nor the outside could answer. */
export function serverFailure(query: DecodedPacket): Packet {
  const SERVFAIL = 2;
  return {
    type: 'response',
    id: query.id ?? 0,
    flags: QR | RA | ((query.flags ?? 0) & RD) | SERVFAIL,
    questions: query.questions ?? [],
    answers: [],
  };
}
