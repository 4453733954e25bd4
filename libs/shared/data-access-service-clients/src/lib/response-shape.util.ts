import type { Batch, Money, Order, OrderLine, Page, Product, Stock } from '@bff/util-models';

/** A cheap structural check of a parsed upstream body: required fields and their types only. */
export type ShapeGuard<T> = (value: unknown) => value is T;

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

function everyItem<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every((item) => guard(item));
}

export function isMoney(value: unknown): value is Money {
  return isObject(value) && isInteger(value['amount']) && isString(value['currency']);
}

export const isProduct: ShapeGuard<Product> = (value): value is Product =>
  isObject(value) &&
  isString(value['id']) &&
  isString(value['sku']) &&
  isString(value['name']) &&
  isString(value['description']) &&
  isString(value['category']) &&
  isMoney(value['price']) &&
  everyItem(value['images'], isString) &&
  typeof value['rating'] === 'number' &&
  everyItem(value['relatedIds'], isString);

function isWarehouseStock(value: unknown): value is Stock['warehouses'][number] {
  return isObject(value) && isString(value['id']) && isInteger(value['available']);
}

export const isStock: ShapeGuard<Stock> = (value): value is Stock =>
  isObject(value) &&
  isString(value['productId']) &&
  isInteger(value['available']) &&
  isInteger(value['reserved']) &&
  everyItem(value['warehouses'], isWarehouseStock);

function isOrderLine(value: unknown): value is OrderLine {
  return (
    isObject(value) &&
    isString(value['productId']) &&
    isInteger(value['quantity']) &&
    isMoney(value['unitPrice'])
  );
}

export const isOrder: ShapeGuard<Order> = (value): value is Order =>
  isObject(value) &&
  isString(value['id']) &&
  isString(value['userId']) &&
  isString(value['status']) &&
  isString(value['createdAt']) &&
  everyItem(value['lines'], isOrderLine) &&
  isMoney(value['total']);

/** A guard for `{ items: T[], nextCursor: string | null }`. */
export function pageOf<T>(item: ShapeGuard<T>): ShapeGuard<Page<T>> {
  return (value): value is Page<T> =>
    isObject(value) &&
    everyItem(value['items'], item) &&
    (value['nextCursor'] === null || isString(value['nextCursor']));
}

/** A guard for `{ items: T[] }`. */
export function batchOf<T>(item: ShapeGuard<T>): ShapeGuard<Batch<T>> {
  return (value): value is Batch<T> => isObject(value) && everyItem(value['items'], item);
}

/** Accepts any JSON value (for calls whose body is not used, such as health checks). */
export const isAnything: ShapeGuard<unknown> = (_value): _value is unknown => true;
