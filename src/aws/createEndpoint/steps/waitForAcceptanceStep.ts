// Step: wait until the service owner (PlanetScale) accepts the connection, when the service asks
// for acceptance. Nothing to undo: it only waits.
import { waitForStateCli } from '../cliCommands';
import { waitForEndpointState } from './endpointWait';
import type { PlanStepModule } from './planStep';

export const waitForAcceptanceStep: PlanStepModule = {
  id: 'waitForAcceptance',
  isIn: ({ acceptanceRequired }) => acceptanceRequired,
  describe: ({ request }) => ({
    title: 'Wait for the service owner to accept the connection',
    creates: null,
    cli: waitForStateCli(request, 'accepted'),
    undo: null,
    undoCli: null,
  }),
  execute: (run) => waitForEndpointState(run, 'waitForAcceptance', 'accepted'),
};
