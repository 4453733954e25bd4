import { isIP } from 'node:net';
import { normalizeIp } from '@nestjs/throttler';

interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
  raw?: { socket?: { remoteAddress?: string } };
}

/**
 * The client address to limit by. Only the socket peer is trusted unless `trustedHops` proxies
 * sit in front of the app; then `X-Forwarded-For` is read from the right, skipping one entry per
 * trusted proxy, because everything further left is whatever the client chose to send.
 * IPv6 addresses are grouped by /64, as one host usually holds a whole /64.
 */
export function clientIpOf(request: IncomingRequest, trustedHops: number): string {
  const peer =
    request.raw?.socket?.remoteAddress ?? request.socket?.remoteAddress ?? request.ip ?? 'unknown';
  if (trustedHops < 1) return normalizeIp(peer);
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return normalizeIp(isIP(candidate) ? candidate : peer);
}
