import { Duration, Validations } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { authorizerFunction, routes, type FunctionName } from '../manifest';

export interface CertificationApiProps {
  functions: Record<FunctionName, IFunction>;
}

/** The HTTP API: every manifest route to its function; staff routes behind the bearer-token authorizer. */
export class CertificationApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, { functions }: CertificationApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', { description: 'VE Certification: staff API, webhooks, certificates' });

    const authorizer = new HttpLambdaAuthorizer('StaffAuthorizer', functions[authorizerFunction], {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      // Short cache: a revoked token stops working within a minute.
      resultsCacheTtl: Duration.minutes(1),
    });

    for (const route of routes) {
      const integration = new HttpLambdaIntegration(`${route.function}Integration`, functions[route.function]);
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.auth === 'staff' ? { authorizer } : {}),
      });
      if (route.auth !== 'staff' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            route.auth === 'signature'
              ? 'Provider webhook: authenticated by its HMAC signature in the handler; providers cannot send bearer tokens.'
              : 'Public by design: certificate verification and the OpenAPI document are meant for anyone.',
        });
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        requestTime: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        responseLength: '$context.responseLength',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
  }
}
