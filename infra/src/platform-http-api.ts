import type { DeploymentSettings, PublicDomain, StageSettings } from '@platform/topology';
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { publicUrl } from './function-resources.ts';
import type { PlatformFunction } from './platform-function.ts';
import { publicRouteReason } from './public-routes.ts';
import { logRetentionOf, removalPolicyOf } from './stage-policies.ts';

export interface PlatformHttpApiProps {
  readonly apiName: string;
  readonly stage: StageSettings;
  /** Every function of the context; each is reached through the routes of its definition. */
  readonly functions: readonly PlatformFunction[];
  /** The API's public domain, the only way in: the default `execute-api` endpoint is disabled. */
  readonly publicDomain: PublicDomain;
  readonly hostedZone: DeploymentSettings['hostedZone'];
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

/**
 * A context's HTTP API (API Gateway v2): the routes of its functions, access logs, throttling on its one stage, and
 * its public domain (custom domain, API mapping at the root, alias record).
 */
export class PlatformHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly domainName: DomainName;
  /** `https://<public domain>`, known at synth: the issuer and audiences are built from it without a cycle. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PlatformHttpApiProps) {
    super(scope, id);
    const { apiName, stage, functions, publicDomain, hostedZone } = props;

    // One way in: the issuer and audiences name the public domain, and a request through the execute-api host would
    // get cookies and redirects for a host the tokens do not name.
    this.api = new HttpApi(this, 'Api', { apiName, createDefaultStage: false, disableExecuteApiEndpoint: true });
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

    this.domainName = new DomainName(this, 'DomainName', {
      domainName: publicDomain.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', publicDomain.certificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'Mapping', { api: this.api, domainName: this.domainName, stage: this.stage });
    new ARecord(this, 'AliasRecord', {
      zone: HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: hostedZone.id,
        zoneName: hostedZone.name,
      }),
      recordName: publicDomain.domainName,
      target: RecordTarget.fromAlias(
        new ApiGatewayv2DomainProperties(this.domainName.regionalDomainName, this.domainName.regionalHostedZoneId),
      ),
    });
    this.url = publicUrl(publicDomain);
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
