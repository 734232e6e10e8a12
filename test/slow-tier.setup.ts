// The int and e2e tiers talk to real Kafka, PostgreSQL and Redis: consumer-group joins take seconds.
jest.setTimeout(60_000);
