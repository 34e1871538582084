import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@lantern/platform';
import { docsPage, openApiDocument } from './api-operations';

/** Public on purpose: the API's description holds no data, and clients need it before they have a key. */
@Public()
@Controller('api')
export class DocsController {
  private readonly document = openApiDocument();
  private readonly page = docsPage();

  @Get('openapi.json')
  openApi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  docs(): string {
    return this.page;
  }
}
