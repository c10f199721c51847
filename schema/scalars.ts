import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

/** ISO-8601 date-times (`DateTime` in the contract); resolvers hand out Date objects or ISO strings. */
export const DateTimeScalar = DateTimeResolver;

/** Event data as a JSON object (`JSONObject` in the contract). */
export const JSONObjectScalar = JSONObjectResolver;
