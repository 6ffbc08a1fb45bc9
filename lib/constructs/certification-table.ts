import { RemovalPolicy, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { STAFF_TOKENS_PARTITION, staffSessionKey, staffTokenKey } from '../../functions/adapters/dynamodb/keys';
import type { TableAction, TableItems } from '../manifest';
import { tableDefinition } from '../table-definition';

/** The partition keys of each kind of item a function can be held to, as IAM patterns built by the keys module. */
const leadingKeys: Record<TableItems, string[]> = {
  staffCredentials: [staffTokenKey('*').PK, staffSessionKey('*').PK],
  // The listing queries the tokens' own partition of GSI1.
  staffTokens: [staffTokenKey('*').PK, STAFF_TOKENS_PARTITION],
};

/** The single table: placements, their history, lookups and staff tokens. */
export class CertificationTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      localSecondaryIndexes: tableDefinition.localIndexes.map((index) => ({
        indexName: index.name,
        sortKey: key(index.sortKey),
      })),
    });
  }

  /**
   * Exactly the manifest's actions for a function (instead of the table's read or read-write grants,
   * which include Scan, DeleteItem and the batch writes): item actions on the table, Query on the table
   * and its indexes; with `items`, only items whose partition key has that shape.
   */
  grantTo(fn: IFunction, actions: readonly TableAction[], items?: TableItems): void {
    if (actions.length === 0) return;
    const conditions = items === undefined ? undefined : { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys[items] } };
    const allow = (allowed: readonly TableAction[], resources: string[]) => {
      if (allowed.length === 0) return;
      fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: allowed.map((action) => `dynamodb:${action}`), resources, conditions }));
    };
    allow(actions.filter((action) => action !== 'Query'), [this.table.tableArn]);
    if (!actions.includes('Query')) return;
    allow(['Query'], [this.table.tableArn, `${this.table.tableArn}/index/*`]);
    if (fn.role === undefined) return;
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnResource);
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: "Staff listings, client look-ups and history pages query the table's own indexes; access stays within this table.",
    });
  }
}
