import type { StageSettings } from '@platform/topology';
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { PlatformFunction } from './platform-function.ts';
import { publicRouteReason } from './public-routes.ts';
import { logRetentionOf, removalPolicyOf } from './stage-policies.ts';

export interface PlatformHttpApiProps {
  readonly apiName: string;
  readonly stage: StageSettings;
  /** Every function of the context; each is reached through the routes of its definition. */
  readonly functions: readonly PlatformFunction[];
}

/**
 * Stage throttling: well under the account's default Lambda concurrency (1,000), so that a flood is answered with
 * 429 at the edge instead of starving the other context's functions.
 */
const THROTTLE = { rateLimit: 200, burstLimit: 400 } as const;

/**
 * One JSON object per request. `routeKey` (the route template) rather than the raw path, so that identifiers in
 * paths (payment codes, notice ids) do not end up in access logs.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    protocol: '$context.protocol',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** A context's HTTP API (API Gateway v2): the routes of its functions, access logs, throttling on its one stage. */
export class PlatformHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: PlatformHttpApiProps) {
    super(scope, id);
    const { apiName, stage, functions } = props;

    this.api = new HttpApi(this, 'Api', { apiName, createDefaultStage: false });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: logRetentionOf(stage),
      removalPolicy: removalPolicyOf(stage),
    });
    // The `$default` stage, declared here because the implicit one takes neither access logs nor throttling.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });

    for (const platformFunction of functions) this.addFunctionRoutes(platformFunction);
  }

  get url(): string {
    return this.stage.url;
  }

  private addFunctionRoutes(platformFunction: PlatformFunction): void {
    const { definition } = platformFunction;
    const integration = new HttpLambdaIntegration(`${definition.id}-integration`, platformFunction.function);
    for (const route of definition.routes) {
      const [httpRoute] = this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
      const reason = publicRouteReason(definition.id, route);
      if (httpRoute && reason) Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason });
    }
  }
}
