import type { Money } from './money';

/** A catalogue entry as the product service returns it. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: Money;
  images: string[];
  rating: number;
  relatedIds: string[];
}
