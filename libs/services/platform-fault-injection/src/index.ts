export { FaultInjectionEnv } from './lib/fault-injection.env';
export { FaultInjectionModule } from './lib/fault-injection.module';
export type { FaultInjectionOptions } from './lib/fault-injection-options.interface';
