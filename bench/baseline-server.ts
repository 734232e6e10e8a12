/**
 * The benchmark baseline: a bare NestJS + Fastify app with one JSON route and nothing else (no logging, filters,
 * correlation or Kafka), so gateway figures read as ratios of what the framework itself can do on this machine.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class BaselineController {
  @Get('baseline')
  baseline(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BaselineController] })
class BaselineModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  process.stdout.write('baseline ready\n');
}

void main();
