import { clientIpOf } from './client-ip.util';

const request = (peer: string, forwardedFor?: string) => ({
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  raw: { socket: { remoteAddress: peer } },
});

describe('clientIpOf', () => {
  it('uses the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIpOf(request('192.0.2.10', '203.0.113.5'), 0)).toBe('192.0.2.10');
  });

  it('takes the entry the trusted proxy appended, not what the client sent before it', () => {
    const proxied = request('10.0.0.2', '6.6.6.6, 203.0.113.5');
    expect(clientIpOf(proxied, 1)).toBe('203.0.113.5');
    expect(clientIpOf(request('10.0.0.2', '6.6.6.6, 203.0.113.5, 10.0.0.1'), 2)).toBe(
      '203.0.113.5',
    );
  });

  it('falls back to the peer when the header is missing, short or not an address', () => {
    expect(clientIpOf(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientIpOf(request('10.0.0.2', '203.0.113.5'), 3)).toBe('203.0.113.5');
    expect(clientIpOf(request('10.0.0.2', 'not-an-ip'), 1)).toBe('10.0.0.2');
  });

  it('unwraps IPv4-mapped IPv6 and groups IPv6 clients by /64', () => {
    expect(clientIpOf(request('::ffff:192.0.2.10'), 0)).toBe('192.0.2.10');
    expect(clientIpOf(request('2001:db8:1:2:aaaa::1'), 0)).toBe(
      clientIpOf(request('2001:db8:1:2:bbbb::9'), 0),
    );
  });
});
