import { money, type Product } from '@bff/util-models';
import { CATEGORY_TEMPLATES, type CategoryTemplate } from './catalogue.data';
import { deepFreeze } from './deep-freeze.util';
import { pick, randomInt, sample, seededRandom, type Random } from './prng.util';

/** How many products the catalogue holds. */
export const PRODUCT_COUNT = 240;

/** Every category slug, as `Product.category` and `?category=` carry it. */
export const PRODUCT_CATEGORIES: readonly string[] = CATEGORY_TEMPLATES.map((t) => t.slug);

const PRODUCT_SEED = 0x5eed0001;
const IMAGE_BASE_URL = 'https://images.example.com/products';

let products: readonly Product[] | undefined;

/**
 * The reference catalogue: the same {@link PRODUCT_COUNT} products on every call and every run,
 * sorted by id (`p-0001`, `p-0002`, …). Objects are frozen; copy before changing one.
 *
 * @example
 * const byId = new Map(seedProducts().map((p) => [p.id, p]));
 * byId.get('p-0001')?.price; // { amount: …, currency: 'USD' }
 */
export function seedProducts(): readonly Product[] {
  products ??= deepFreeze(generateProducts(seededRandom(PRODUCT_SEED)));
  return products;
}

/** The id of the n-th product (1-based), e.g. `productId(7)` is `p-0007`. */
export function productId(n: number): string {
  return `p-${String(n).padStart(4, '0')}`;
}

function generateProducts(random: Random): Product[] {
  const perCategory = PRODUCT_COUNT / CATEGORY_TEMPLATES.length;
  const categoryOfIndex = sample(
    random,
    CATEGORY_TEMPLATES.flatMap((template) => Array<CategoryTemplate>(perCategory).fill(template)),
    PRODUCT_COUNT,
  );

  const idsByCategory = new Map<string, string[]>();
  const namesByCategory = new Map<string, Set<string>>();
  const drafts = categoryOfIndex.map((template, index) => {
    const id = productId(index + 1);
    const ids = idsByCategory.get(template.slug) ?? [];
    idsByCategory.set(template.slug, ids);
    ids.push(id);
    const names = namesByCategory.get(template.slug) ?? new Set<string>();
    namesByCategory.set(template.slug, names);
    return { id, template, ...describe(random, template, names) };
  });

  return drafts.map(({ id, template, brand, name, description }) => ({
    id,
    sku: `${template.code}-${brand
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase()}-${id.slice(2)}`,
    name,
    description,
    category: template.slug,
    price: money(randomInt(random, ...template.priceRange) * 100 - pick(random, [1, 51])),
    images: Array.from(
      { length: randomInt(random, 1, 4) },
      (_, i) => `${IMAGE_BASE_URL}/${id}/${i + 1}.jpg`,
    ),
    rating: random() < 0.04 ? 0 : Math.round((2.5 + random() * 2.5) * 10) / 10,
    relatedIds: relatedTo(random, id, template.slug, idsByCategory),
  }));
}

function describe(random: Random, template: CategoryTemplate, taken: Set<string>) {
  let brand: string;
  let item: string;
  let variant: string;
  let name: string;
  do {
    brand = pick(random, template.brands);
    item = pick(random, template.items);
    variant = pick(random, template.variants);
    name = template.slug === 'books' ? `${item} (${variant})` : `${brand} ${item} ${variant}`;
  } while (taken.has(name));
  taken.add(name);

  const intro =
    template.slug === 'books'
      ? `${variant} published by ${brand}`
      : `The ${item} ${variant} from ${brand}`;
  const features = sample(random, template.features, randomInt(random, 2, 3));
  return { brand, name, description: [intro, ...features].join('. ') + '.' };
}

/** 3–6 other products, mostly of the same category, sometimes one from another. */
function relatedTo(
  random: Random,
  id: string,
  category: string,
  idsByCategory: ReadonlyMap<string, readonly string[]>,
): string[] {
  const count = randomInt(random, 3, 6);
  const crossCategory = random() < 0.3 ? 1 : 0;
  const sameCategory = (idsByCategory.get(category) ?? []).filter((other) => other !== id);
  const related = sample(random, sameCategory, count - crossCategory);
  if (crossCategory) {
    const otherCategory = pick(
      random,
      [...idsByCategory.keys()].filter((other) => other !== category),
    );
    related.push(pick(random, idsByCategory.get(otherCategory) ?? []));
  }
  return related;
}
