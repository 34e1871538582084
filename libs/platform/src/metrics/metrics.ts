import { Public } from '../auth/roles';
import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';

let defaultsCollected = false;

/** Process metrics (memory, event loop lag, GC) once per process, beside Lantern's own counters. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  collectDefaultMetrics();
  defaultsCollected = true;
}

/** Public like /health: counters only, no ads or people. Expose the port to the monitoring network only. */
@Public()
@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  async metrics(): Promise<string> {
    return register.metrics();
  }
}
