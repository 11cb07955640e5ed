/**
 * Plazo's case search attributes on a Temporal server: registering them (setup of the production shape,
 * the demo) and telling whether a server has them, so a case is started with upserts on only where
 * they will be accepted (an unregistered attribute would fail the workflow task over and over).
 */
import type { Connection } from '@temporalio/client';

/** A Connection, or a Client's ConnectionLike. */
type HasOperator = Pick<Connection, 'operatorService'>;
import { temporal } from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '../domain/case/searchAttributes';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const wanted = Object.values(CASE_SEARCH_ATTRIBUTES).map((a) => ({ name: a.name, type: IndexedValueType[`INDEXED_VALUE_TYPE_${a.type}`] }));

async function registered(connection: HasOperator, namespace: string): Promise<Record<string, temporal.api.enums.v1.IndexedValueType>> {
  const res = await connection.operatorService.listSearchAttributes({ namespace });
  return (res.customAttributes ?? {}) as Record<string, temporal.api.enums.v1.IndexedValueType>;
}

/** Adds the missing ones; one already there with another type is an error naming it. */
export async function registerCaseSearchAttributes(connection: HasOperator, namespace: string): Promise<void> {
  const have = await registered(connection, namespace);
  for (const a of wanted) {
    if (a.name in have && have[a.name] !== a.type) {
      throw new Error(`search attribute ${a.name} is registered as ${IndexedValueType[have[a.name]!]}, Plazo needs ${IndexedValueType[a.type]}`);
    }
  }
  const missing = wanted.filter((a) => !(a.name in have));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((a) => [a.name, a.type])) });
}

/** True when every one is registered with its type; false when not, or when the server cannot say (the time-skipping server). */
export async function caseSearchAttributesRegistered(connection: HasOperator, namespace: string): Promise<boolean> {
  try {
    const have = await registered(connection, namespace);
    return wanted.every((a) => have[a.name] === a.type);
  } catch {
    return false;
  }
}
