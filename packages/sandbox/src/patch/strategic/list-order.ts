/**
 * Element order after a strategic list merge. Items named by the patch keep the patch's relative order, items
 * only on the server keep the live order, and the two runs are interleaved: walking both, a server-only item goes
 * first when the live list also had it before the next patch item. `$patch: delete` leftovers sort last.
 * parity: apimachinery strategicpatch patch.go normalizeElementOrder / mergeSortedSlice (behaviour, not code)
 */
import { isJsonObject } from '../json-value.js';
import { noMergeKey } from './smp-errors.js';

/** Identity of a list element: its merge-key value for objects, the value itself for scalars. */
export function identity(item: unknown, mergeKey: string): unknown {
  return mergeKey !== '' && isJsonObject(item) ? item[mergeKey] : item;
}

function indexIn(list: readonly unknown[], item: unknown, mergeKey: string): number {
  const id = identity(item, mergeKey);
  return list.findIndex((x) => identity(x, mergeKey) === id);
}

/** Stable sort of `items` by position in `order` (items absent from `order` keep their place). */
function sortByOrder(items: unknown[], order: readonly unknown[], mergeKey: string): unknown[] {
  let rest = items;
  let deletes: unknown[] = [];
  if (mergeKey !== '') {
    for (const item of [...items, ...order]) {
      if (isJsonObject(item) && !Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
    deletes = items.filter((i) => isJsonObject(i) && i.$patch === 'delete');
    rest = items.filter((i) => !deletes.includes(i));
  }
  const ranked = rest.map((item, pos) => ({ item, pos, rank: indexIn(order, item, mergeKey) }));
  ranked.sort((a, b) => (a.rank >= 0 && b.rank >= 0 ? a.rank - b.rank : a.pos - b.pos));
  return [...ranked.map((r) => r.item), ...deletes];
}

/** Interleaves server-only items into the patch items using their positions in the live list. */
function interleave(serverOnly: unknown[], patchItems: unknown[], live: readonly unknown[], mergeKey: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]);
    else if (j >= patchItems.length) out.push(serverOnly[i++]);
    else {
      const li = indexIn(live, serverOnly[i], mergeKey);
      const ri = indexIn(live, patchItems[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/**
 * Splits `merged` by whether `orderBy` names each item, sorts the named ones by `orderBy` and the rest by `live`,
 * then interleaves them.
 */
export function orderMergedList(
  merged: unknown[],
  orderBy: readonly unknown[],
  live: readonly unknown[],
  mergeKey: string,
): unknown[] {
  const named = merged.filter((m) => indexIn(orderBy, m, mergeKey) >= 0);
  const serverOnly = merged.filter((m) => indexIn(orderBy, m, mergeKey) < 0);
  return interleave(sortByOrder(serverOnly, live, mergeKey), sortByOrder(named, orderBy, mergeKey), live, mergeKey);
}
