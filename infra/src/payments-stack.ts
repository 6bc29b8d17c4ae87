import type { Construct } from 'constructs';
import { ContextStack, type StageStackProps } from './context-stack.ts';

/** The payments context: notices, payments, refunds, receipts, reconciliation and their table. */
export class PaymentsStack extends ContextStack {
  constructor(scope: Construct, id: string, props: StageStackProps) {
    super(scope, id, { ...props, context: 'payments' });
  }
}
