import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception handler turns any error into "Internal server error". The bus needs the
 * original error (its message becomes the dead-letter reason; PermanentFailure skips retries), so
 * handler errors pass through unchanged and `deliver` decides what happens.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
