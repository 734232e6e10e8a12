import '../register-paths';
import { dropDatabase, templateDatabase } from '@birgemiz/testing';

export default async function globalTeardown(): Promise<void> {
  await dropDatabase(templateDatabase());
}
