import type { ListOrder, Page } from '../application/ports';
import type { GovStackWindow } from './govstack.dto';

/** firstResult and maxResult as OneDoor's window (at most 500; 100 when not asked). */
export const listWindow = (query: GovStackWindow): Page => ({
  offset: query.firstResult ?? 0,
  limit: query.maxResult ?? 100,
});

const ORDERED: Partial<Record<NonNullable<GovStackWindow['sortBy']>, ListOrder['by']>> = {
  created: 'created',
  id: 'id',
  name: 'name',
  nameCaseInsensitive: 'name',
  dueDate: 'dueDate',
};

/** sortBy and sortOrder as OneDoor's order: the criteria OneDoor keeps order as asked, the others by id. */
export const listOrder = (query: GovStackWindow, direction: ListOrder['direction']): ListOrder => ({
  by: query.sortBy ? (ORDERED[query.sortBy] ?? 'id') : 'created',
  direction: query.sortOrder ? (query.sortOrder === 'asc' ? 'ASC' : 'DESC') : direction,
});
