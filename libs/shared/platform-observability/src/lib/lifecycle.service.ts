import { Injectable } from '@nestjs/common';

/**
 * Whether the app still takes traffic. Set to draining on SIGTERM so that readiness answers 503
 * while in-flight requests finish.
 */
@Injectable()
export class LifecycleService {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }
}
