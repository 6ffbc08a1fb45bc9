import { Duration, Validations } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { authorizerFunction, routeThrottles, routes, type FunctionName } from '../manifest';

export interface CertificationApiProps {
  functions: Record<FunctionName, IFunction>;
}

/** The HTTP API: every manifest route to its function; staff routes behind the bearer-token authorizer. */
export class CertificationApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, { functions }: CertificationApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', { description: 'VE Certification: staff API, webhooks, certificates' });

    // A staff route takes a bearer token or the console's session cookie. HTTP API requires every listed
    // identity source (a request missing one is refused 401 before the authorizer runs), so none is
    // listed, and without identity sources there is no cache key: caching is off. The authorizer thus
    // sees every request, which its CSRF check needs (it depends on the method, not only the
    // credential), and a revoked token or ended session stops working at once. local/gateway.ts does the same.
    const authorizer = new HttpLambdaAuthorizer('StaffAuthorizer', functions[authorizerFunction], {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });

    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    // Each route its own throttle bucket (manifest routeThrottles), so a flood on one leaves the others answering.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

    for (const route of routes) {
      const integration = new HttpLambdaIntegration(`${route.function}Integration`, functions[route.function]);
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.auth === 'staff' ? { authorizer } : {}),
      });
      const throttle = routeThrottles[route.auth];
      routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
      // A stage's route settings name existing routes: CloudFormation must create the routes first.
      if (created) stage.node.addDependency(created);
      if (route.auth !== 'staff' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            route.auth === 'signature'
              ? 'Provider webhook: authenticated by its HMAC signature in the handler; providers cannot send bearer tokens.'
              : "Public by design: certificate verification, the client's links, the documents and the console's page are meant for anyone; the console's sign-in checks the token itself.",
        });
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
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
    stage.routeSettings = routeSettings;
    // A route without settings of its own (none today) gets the strictest limits.
    stage.defaultRouteSettings = { throttlingBurstLimit: routeThrottles.public.burstLimit, throttlingRateLimit: routeThrottles.public.rateLimit };
  }
}
