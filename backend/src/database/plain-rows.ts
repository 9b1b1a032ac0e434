import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Runs a query builder over one entity and returns its rows as plain objects with the entity's
 * property names and value types, without TypeORM's result transformer.
 *
 * On the hot list routes the transformer (alias matching, per-column hydration, grouping rows by
 * primary key) and the Date parsing of `date` columns cost more CPU than the rest of the request
 * (docs/benchmarks.md). Here the SELECT list names each column by its property, `date` columns
 * come back as their `YYYY-MM-DD` text (what TypeORM hydrates them to), and node-postgres'
 * own parsing does the rest (integers, booleans, jsonb, timestamptz as Date), so the objects are
 * what `getMany()` returns minus the class prototype. Only for builders that select the main
 * entity alone (no joined relations): the select list is replaced.
 */
export async function getPlainMany<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<T[]> {
  const main = qb.expressionMap.mainAlias;
  if (!main?.hasMetadata) throw new Error('getPlainMany needs a builder over an entity');
  const alias = main.name;
  const columns = main.metadata.columns;
  for (const column of columns) {
    if (column.transformer || column.embeddedMetadata || column.relationMetadata?.isOneToOne) {
      throw new Error(`getPlainMany cannot hydrate ${main.metadata.name}.${column.propertyName}`);
    }
  }
  const selects = columns.map((column) => {
    const expression = `${qb.escape(alias)}.${qb.escape(column.databaseName)}`;
    return [column.type === 'date' ? `${expression}::text` : expression, column.propertyName];
  });
  qb.select(selects.map(([expression, property]) => `${expression} AS ${qb.escape(property)}`));
  return qb.getRawMany<T>();
}
