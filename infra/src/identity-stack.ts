import type { Construct } from 'constructs';
import { ContextStack, type StageStackProps } from './context-stack.ts';

/** The identity context: the OpenID Connect provider, real-name checks and their table. */
export class IdentityStack extends ContextStack {
  constructor(scope: Construct, id: string, props: StageStackProps) {
    super(scope, id, { ...props, context: 'identity' });
  }
}
