import { Controller, Get, Module, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, InvalidConfigError, PlatformEnv } from '@bff/platform-bootstrap';
import { FaultInjectionEnv } from './fault-injection.env';
import type { FaultInjectionOptions } from './fault-injection-options.interface';
import { FaultInjectionModule } from './fault-injection.module';

@Controller()
class ThingsController {
  @Get('things')
  things() {
    return { ok: true };
  }

  @Get('things/:id')
  thing() {
    return { ok: true };
  }

  @Get('other')
  other() {
    return { ok: true };
  }
}

function appModule(options?: FaultInjectionOptions): Type<unknown> {
  @Module({ controllers: [ThingsController], imports: [FaultInjectionModule.forRoot(options)] })
  class TestAppModule {}
  return TestAppModule;
}

async function start(
  environment: Record<string, string>,
  options?: FaultInjectionOptions,
): Promise<{ app: NestFastifyApplication; base: string }> {
  const app = await createApp(appModule(options), {
    defaultPort: 0,
    env: FaultInjectionEnv,
    environment: { LOG_LEVEL: 'silent', ...environment },
    name: 'fault-injection-test',
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

describe('FaultInjectionModule', () => {
  describe('when no fault is configured', () => {
    let app: NestFastifyApplication;
    let base: string;
    beforeAll(async () => ({ app, base } = await start({})));
    afterAll(() => app.close());

    it('leaves every route alone', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => fetch(`${base}/things`)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    });
  });

  describe('when the error rate is 1', () => {
    let app: NestFastifyApplication;
    let base: string;
    beforeAll(async () => ({ app, base } = await start({ FAULT_ERROR_RATE: '1' })));
    afterAll(() => app.close());

    it('answers every route with 503 problem+json', async () => {
      for (const path of ['/things', '/things/t-1', '/other?x=1']) {
        const response = await fetch(base + path);
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.headers.get('retry-after')).toBe('1');
        const body = (await response.json()) as { detail: string };
        expect(body).toMatchObject({ status: 503, requestId: expect.any(String) });
        expect(body.detail).toContain('FAULT_ERROR_RATE');
      }
    });

    it('never fails health checks or metrics', async () => {
      for (const path of ['/health/live', '/health/ready', '/metrics']) {
        expect((await fetch(base + path)).status).toBe(200);
      }
    });

    it('counts the faults it injects on /metrics', async () => {
      await fetch(`${base}/things`);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/service_injected_faults_total\{kind="error"\} [1-9]/);
    });
  });

  describe('when routes are listed', () => {
    let app: NestFastifyApplication;
    let base: string;
    beforeAll(
      async () => ({ app, base } = await start({ FAULT_ERROR_RATE: '1', FAULT_ROUTES: '/things' })),
    );
    afterAll(() => app.close());

    it('fails the listed routes and the paths below them', async () => {
      expect((await fetch(`${base}/things`)).status).toBe(503);
      expect((await fetch(`${base}/things/t-1`)).status).toBe(503);
    });

    it('leaves the other routes alone', async () => {
      expect((await fetch(`${base}/other`)).status).toBe(200);
    });
  });

  describe('when the error rate is a fraction', () => {
    let app: NestFastifyApplication;
    let base: string;
    const draws = [0.1, 0.9, 0.29, 0.3];
    beforeAll(
      async () =>
        ({ app, base } = await start(
          { FAULT_ERROR_RATE: '0.3' },
          { random: () => draws.shift() ?? 1 },
        )),
    );
    afterAll(() => app.close());

    it('fails exactly the requests whose draw falls below the rate', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/things`)).status);
      expect(statuses).toEqual([503, 200, 503, 200]);
    });
  });

  describe('when a delay is configured', () => {
    const delayMs = 400;
    let app: NestFastifyApplication;
    let base: string;
    beforeAll(async () => ({ app, base } = await start({ FAULT_DELAY_MS: String(delayMs) })));
    afterAll(() => app.close());

    it('holds the answer back for at least the delay', async () => {
      const started = performance.now();
      const response = await fetch(`${base}/things`);
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(delayMs - 5);
    });

    it('answers health checks while a delayed request is still waiting', async () => {
      const finished: string[] = [];
      const delayed = fetch(`${base}/things`).then(() => finished.push('things'));
      const health = fetch(`${base}/health/live`).then((r) => {
        finished.push('health');
        return r.status;
      });
      expect(await health).toBe(200);
      await delayed;
      expect(finished).toEqual(['health', 'things']);
    });
  });

  describe('at start-up', () => {
    it('refuses a bad variable, naming it', async () => {
      await expect(start({ FAULT_ERROR_RATE: '2' })).rejects.toThrow(InvalidConfigError);
      await expect(start({ FAULT_DELAY_MS: 'soon' })).rejects.toThrow(/FAULT_DELAY_MS/);
    });

    it('refuses an app whose env class does not extend FaultInjectionEnv', async () => {
      const attempt = createApp(appModule(), {
        defaultPort: 0,
        env: PlatformEnv,
        environment: { LOG_LEVEL: 'silent' },
        name: 'fault-injection-test',
      });
      await expect(attempt).rejects.toThrow(/extend FaultInjectionEnv/);
    });
  });
});
