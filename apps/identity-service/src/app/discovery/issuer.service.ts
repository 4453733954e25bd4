import type { AddressInfo } from 'node:net';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IdentityServiceEnv } from '../identity-service.env';

/**
 * The issuer URL: `AUTH_ISSUER`, or `http://127.0.0.1:<port>` with the port the server is
 * actually bound to (read per call, so `PORT=0` in tests still gives the real port).
 */
@Injectable()
export class IssuerService {
  constructor(
    private readonly env: IdentityServiceEnv,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get issuer(): string {
    if (this.env.AUTH_ISSUER) return this.env.AUTH_ISSUER.replace(/\/+$/, '');
    const address = this.adapterHost.httpAdapter?.getHttpServer()?.address() as
      | AddressInfo
      | string
      | null
      | undefined;
    const port = typeof address === 'object' && address ? address.port : this.env.PORT;
    return `http://127.0.0.1:${port}`;
  }
}
