import type { Construct } from 'constructs';
import { ContextQueues } from './context-queues.ts';
import { ContextStack, type StageStackProps } from './context-stack.ts';

/** The payments context: notices, payments, refunds, receipts, reconciliation and their table. */
export class PaymentsStack extends ContextStack {
  constructor(scope: Construct, id: string, props: StageStackProps) {
    super(scope, id, { ...props, context: 'payments' });
    // The department-events queue (webhooks): its consumer, producers, dead-letter queue and alarms.
    this.queues = new ContextQueues(this, 'Queues', {
      context: 'payments',
      stage: props.stage,
      functions: this.functions,
      alarms: this.alarms,
    });
  }

  readonly queues: ContextQueues;
}
