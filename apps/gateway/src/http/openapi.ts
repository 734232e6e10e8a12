import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** OpenAPI schema of a zod schema, so request bodies are documented from the same source that validates them. */
export function openApiSchema(schema: ZodTypeAny): SchemaObject {
  const toJsonSchema = zodToJsonSchema as (schema: unknown, options: object) => Record<string, unknown>;
  const { $schema: _ignored, ...json } = toJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none' });
  return json as SchemaObject;
}

export function setupOpenApi(app: INestApplication, version: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Birgemiz API')
      .setDescription(
        'Public and staff HTTP API of the Birgemiz platform. Errors follow Accept-Language (kk, ru, en). ' +
          'Kafka topics for integrations: /docs/asyncapi.json.',
      )
      .setVersion(version)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
