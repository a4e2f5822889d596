// Entry point of the EC2/STS emulator for the rest of the sandbox and for tests.
import { Ec2Emulator } from './emulator';
import type { Ec2EmulatorOptions } from './types';

export { Ec2Emulator } from './emulator';
export { DEFAULT_SEED_PATH, loadSeed, SeedError } from './seed';
export type * from './types';

/** Starts the emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEc2Emulator(opts: Ec2EmulatorOptions = {}): Promise<Ec2Emulator> {
  const emulator = new Ec2Emulator(opts);
  await emulator.listen(opts.port ?? 0);
  return emulator;
}
