// The steps of endpoint creation, in the order a plan runs them (undo runs in reverse).
import type { PlanStepId } from '../endpointPlan';
import { endpointStep } from './endpointStep';
import { ingressRulesStep } from './ingressRulesStep';
import type { PlanStepModule } from './planStep';
import { privateDnsStep } from './privateDnsStep';
import { securityGroupStep } from './securityGroupStep';
import { waitAvailableStep } from './waitAvailableStep';
import { waitForAcceptanceStep } from './waitForAcceptanceStep';

export const PLAN_STEPS: readonly PlanStepModule[] = [securityGroupStep, ingressRulesStep, endpointStep, waitForAcceptanceStep, privateDnsStep, waitAvailableStep];

const BY_ID = new Map<PlanStepId, PlanStepModule>(PLAN_STEPS.map((s) => [s.id, s]));

export function planStepModule(id: PlanStepId): PlanStepModule {
  const step = BY_ID.get(id);
  if (!step) throw new Error(`Unknown plan step ${id}`);
  return step;
}
