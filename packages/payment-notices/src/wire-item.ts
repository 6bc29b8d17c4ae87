/**
 * Readers for items in DynamoDB's wire format (`{ S: '…' }`, `{ N: '…' }`, `{ M: {…} }`). Items returned with a
 * failed condition (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`) arrive in this form: the document client
 * unmarshals results, not errors. Only what this package reads from such items is covered.
 */
export type WireValue = { readonly S?: string; readonly N?: string; readonly M?: WireItem };
export type WireItem = Readonly<Record<string, WireValue>>;

const valueAt = (item: WireItem | undefined, path: readonly string[]): WireValue | undefined => {
  let value: WireValue | undefined = { M: item ?? {} };
  for (const name of path) value = value?.M?.[name];
  return value;
};

/** A string attribute, following a path of map attributes: `stringAt(item, 'payment', 'paymentId')`. */
export const stringAt = (item: WireItem | undefined, ...path: string[]): string | undefined => valueAt(item, path)?.S;

export const numberAt = (item: WireItem | undefined, ...path: string[]): number | undefined => {
  const text = valueAt(item, path)?.N;
  return text === undefined ? undefined : Number(text);
};
