// Step: wait until the endpoint is available (its interfaces exist and answer). Nothing to undo.
import { waitForStateCli } from '../cliCommands';
import { waitForEndpointState } from './endpointWait';
import type { PlanStepModule } from './planStep';

export const waitAvailableStep: PlanStepModule = {
  id: 'waitAvailable',
  isIn: () => true,
  describe: ({ request }) => ({
    title: 'Wait until the endpoint is available',
    creates: null,
    cli: waitForStateCli(request, 'available'),
    undo: null,
    undoCli: null,
  }),
  execute: (run) => waitForEndpointState(run, 'waitAvailable', 'available'),
};
