import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ClaimFieldsResolver } from './claims/claim-fields.resolver';
import { ClaimMutationsResolver } from './claims/claim-mutations.resolver';
import { ClaimQueriesResolver } from './claims/claim-queries.resolver';
import { AuditQueriesResolver } from './audit/audit-queries.resolver';
import { DateTimeScalar } from './scalars';

/** The served schema: the contract in ../shared/contract plus what we add around it. */
export function buildRecourseSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ClaimQueriesResolver, ClaimMutationsResolver, ClaimFieldsResolver, AuditQueriesResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
